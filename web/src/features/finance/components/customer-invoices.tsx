import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { formatMoney } from '@/lib/format';

import { useCustomerCredit } from '../api/get-payments';

import { InvoicesTable } from './invoices-table';

const smallLink =
  'inline-flex h-8 items-center justify-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50';

/** The customer's invoices (for the CRM customer page, to roles that also see finance). */
export function CustomerInvoices({ customer }: { customer: { id: string; name: string } }) {
  const credit = useCustomerCredit(customer.id);
  const balance = credit.data?.balance_cents ?? 0;
  return (
    <section aria-labelledby="customer-invoices-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 p-4 sm:px-6">
        <div>
          <h2 id="customer-invoices-title" className="text-base font-semibold text-slate-900">
            Financeiro
          </h2>
          {balance > 0 && <p className="text-sm text-emerald-800">Crédito disponível: {formatMoney(balance)}</p>}
        </div>
        <Link to={paths.app.finance.newInvoice.getHref(customer.id)} className={smallLink}>
          + Nova fatura
        </Link>
      </div>
      <InvoicesTable
        filters={{ customer_id: customer.id }}
        hideCustomer
        limit={10}
        caption={`Faturas de ${customer.name}`}
        emptyText="Nenhuma fatura para este cliente."
      />
    </section>
  );
}
