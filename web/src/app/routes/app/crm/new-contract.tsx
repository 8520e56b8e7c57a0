import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { customerQueryOptions } from '@/features/crm/api/get-customer';
import { ContractForm } from '@/features/crm/components/contract-form';

export default function NewContractRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const customerId = params.get('customer_id') ?? '';
  const customer = useQuery({ ...customerQueryOptions(customerId), enabled: Boolean(customerId) });
  return (
    <ContentLayout
      wide
      title="Novo contrato"
      description={
        <Link to={paths.app.crm.contracts.getHref()} className="text-indigo-800 hover:underline">
          ← Contratos
        </Link>
      }
    >
      {customerId && customer.isPending ? (
        <PageSpinner label="Carregando…" />
      ) : (
        <div className="mx-auto max-w-7xl">
          <ContractForm
            key={customerId}
            customer={customer.data ? { id: customer.data.id, name: customer.data.name } : null}
            onCreated={(contract) => navigate(paths.app.crm.contract.getHref(contract.id), { replace: true })}
            onCancel={() => navigate(-1)}
          />
        </div>
      )}
    </ContentLayout>
  );
}
