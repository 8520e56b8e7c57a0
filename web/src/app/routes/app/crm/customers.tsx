import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { CustomersList } from '@/features/crm/components/customers-list';

export default function CustomersRoute() {
  return (
    <ContentLayout
      title="Clientes"
      description="Pessoas e empresas com quem você faz negócio."
      actions={
        <Link
          to={paths.app.crm.newCustomer.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Novo cliente
        </Link>
      }
    >
      <CustomersList />
    </ContentLayout>
  );
}
