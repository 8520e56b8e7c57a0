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
        <div className="flex flex-wrap gap-2">
          <Link
            to={paths.app.crm.importCustomers.getHref()}
            className="inline-flex h-10 items-center justify-center rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
          >
            Importar CSV
          </Link>
          <Link
            to={paths.app.crm.newCustomer.getHref()}
            className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
          >
            Novo cliente
          </Link>
        </div>
      }
    >
      <CustomersList />
    </ContentLayout>
  );
}
