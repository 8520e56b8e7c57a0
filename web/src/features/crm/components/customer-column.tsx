import { Link } from 'react-router';

import type { Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';

/** The "Cliente" column of the CRM lists, linked to the customer; left out on the customer's own page. */
export const customerColumn = <T extends { customer_id: string; customer_name: string }>(hidden: boolean): Column<T> => ({
  key: 'customer',
  header: 'Cliente',
  hidden,
  cell: (row) => (
    <Link to={paths.app.crm.customer.getHref(row.customer_id)} className="text-slate-700 hover:underline">
      {row.customer_name}
    </Link>
  ),
});
