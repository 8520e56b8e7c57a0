import { Link, useParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useInvoice } from '@/features/finance/api/get-invoice';
import { CustomerLink } from '@/features/finance/components/customer-link';
import { InvoiceView } from '@/features/finance/components/invoice-view';
import { InvoiceStatusBadge } from '@/features/finance/components/status-badges';
import { isApiError, problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.finance.invoices.getHref()} className="text-indigo-800 hover:underline">
    ← Faturas
  </Link>
);

export default function InvoiceRoute() {
  const { id = '' } = useParams();
  const invoice = useInvoice(id);
  if (invoice.isPending) return <PageSpinner label="Carregando fatura…" />;
  if (invoice.isError) {
    const notFound = isApiError(invoice.error) && invoice.error.status === 404;
    return (
      <ContentLayout title="Fatura" description={back}>
        <Alert title={notFound ? 'Fatura não encontrada' : 'Não foi possível carregar a fatura'}>{problemMessage(invoice.error)}</Alert>
      </ContentLayout>
    );
  }
  const inv = invoice.data;
  return (
    <ContentLayout
      wide
      title={`Fatura ${inv.label}`}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {back}
          <InvoiceStatusBadge status={inv.status} />
          <CustomerLink id={inv.customer_id} name={inv.customer_name} />
        </span>
      }
    >
      <div className="mx-auto max-w-7xl">
        <InvoiceView invoice={inv} />
      </div>
    </ContentLayout>
  );
}
