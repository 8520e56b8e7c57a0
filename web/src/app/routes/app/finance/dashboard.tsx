import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { FinanceDashboard } from '@/features/finance/components/finance-dashboard';

export default function FinanceDashboardRoute() {
  return (
    <ContentLayout
      title="Financeiro"
      description="Contas a receber, receita recorrente e recebimentos."
      actions={
        <Link
          to={paths.app.finance.newInvoice.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Nova fatura
        </Link>
      }
    >
      <FinanceDashboard />
    </ContentLayout>
  );
}
