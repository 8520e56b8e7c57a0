import { Link } from 'react-router';

import type { Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { cn } from '@/lib/cn';

/** The customer's name, linked to their CRM page for roles that can open the CRM (the finance role cannot). */
export function CustomerLink({ id, name, className }: { id: string; name: string; className?: string }) {
  const { user } = useMe();
  if (!canAccess(user.role, 'crm')) return <span className={className}>{name}</span>;
  return (
    <Link to={paths.app.crm.customer.getHref(id)} className={cn('hover:underline', className)}>
      {name}
    </Link>
  );
}

/** The "Cliente" column of the finance lists; left out on the customer's own page. */
export const customerColumn = <T extends { customer_id: string; customer_name: string }>(hidden: boolean): Column<T> => ({
  key: 'customer',
  header: 'Cliente',
  hidden,
  cell: (row) => <CustomerLink id={row.customer_id} name={row.customer_name} className="text-slate-700" />,
});
