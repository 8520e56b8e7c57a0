import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { InvoicesList } from '@/features/finance/components/invoices-list';

export default function InvoicesRoute() {
  return (
    <ContentLayout
      title="Faturas"
      description="Faturas dos contratos, das assinaturas e avulsas."
      actions={
        <Link
          to={paths.app.finance.newInvoice.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Nova fatura
        </Link>
      }
    >
      <InvoicesList />
    </ContentLayout>
  );
}
