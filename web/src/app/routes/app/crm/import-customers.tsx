import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { CustomerImportWizard } from '@/features/crm/components/customer-import-wizard';

export default function ImportCustomersRoute() {
  return (
    <ContentLayout
      title="Importar clientes"
      description={
        <Link to={paths.app.crm.customers.getHref()} className="text-indigo-800 hover:underline">
          ← Voltar para clientes
        </Link>
      }
    >
      <CustomerImportWizard />
    </ContentLayout>
  );
}
