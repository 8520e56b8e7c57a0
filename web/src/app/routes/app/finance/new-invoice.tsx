import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { financeSettingsQueryOptions } from '@/features/finance/api/finance-settings';
import { InvoiceForm } from '@/features/finance/components/invoice-form';

import { renderCustomerPicker } from './customer-picker-slot';
import { usePrefilledCustomer } from './prefilled-customer';

/** /financeiro/faturas/nova?customer_id= (optional). */
export default function NewInvoiceRoute() {
  const navigate = useNavigate();
  const { customer, loading } = usePrefilledCustomer();
  // The due date defaults to the company's term; without the settings, five days.
  const settings = useQuery(financeSettingsQueryOptions());

  return (
    <ContentLayout
      wide
      title="Nova fatura"
      description={
        <Link to={paths.app.finance.invoices.getHref()} className="text-indigo-800 hover:underline">
          ← Faturas
        </Link>
      }
    >
      {loading || settings.isPending ? (
        <PageSpinner label="Carregando…" />
      ) : (
        <div className="mx-auto max-w-7xl">
          <InvoiceForm
            key={customer?.id ?? 'none'}
            customer={customer}
            dueInDays={settings.data?.due_in_days ?? 5}
            renderCustomerPicker={renderCustomerPicker}
            onCreated={(invoice) => navigate(paths.app.finance.invoice.getHref(invoice.id), { replace: true })}
            onCancel={() => navigate(-1)}
          />
        </div>
      )}
    </ContentLayout>
  );
}
