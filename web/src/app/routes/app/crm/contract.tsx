import { Link, useParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useContract } from '@/features/crm/api/get-contract';
import { ContractView } from '@/features/crm/components/contract-view';
import { ContractStatusBadge } from '@/features/crm/components/status-badges';
import { contractNumber } from '@/lib/commercial';
import { isApiError, problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.crm.contracts.getHref()} className="text-indigo-800 hover:underline">
    ← Contratos
  </Link>
);

export default function ContractRoute() {
  const { id = '' } = useParams();
  const contract = useContract(id);
  if (contract.isPending) return <PageSpinner label="Carregando contrato…" />;
  if (contract.isError) {
    const notFound = isApiError(contract.error) && contract.error.status === 404;
    return (
      <ContentLayout title="Contrato" description={back}>
        <Alert title={notFound ? 'Contrato não encontrado' : 'Não foi possível carregar o contrato'}>{problemMessage(contract.error)}</Alert>
      </ContentLayout>
    );
  }
  const k = contract.data;
  return (
    <ContentLayout
      wide
      title={`${contractNumber(k.number)} — ${k.title}`}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {back}
          <ContractStatusBadge status={k.status} />
          <Link to={paths.app.crm.customer.getHref(k.customer_id)} className="hover:underline">
            {k.customer_name}
          </Link>
        </span>
      }
    >
      <div className="mx-auto max-w-7xl">
        <ContractView contract={k} />
      </div>
    </ContentLayout>
  );
}
