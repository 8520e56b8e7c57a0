import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { ContractsList } from '@/features/crm/components/contracts-list';

export default function ContractsRoute() {
  return (
    <ContentLayout
      title="Contratos"
      description="Contratos gerados das propostas aceitas ou cadastrados à mão."
      actions={
        <Link
          to={paths.app.crm.newContract.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Novo contrato
        </Link>
      }
    >
      <ContractsList />
    </ContentLayout>
  );
}
