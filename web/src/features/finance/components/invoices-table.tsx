import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import type { Invoice, InvoiceFilter } from '@/lib/api/models';
import { formatIsoDate, formatMoney } from '@/lib/format';

import { useInvoices } from '../api/get-invoices';

import { customerColumn } from './customer-link';
import { isReceivable } from './labels';
import { InvoiceStatusBadge } from './status-badges';

type InvoicesTableProps = {
  filters: InvoiceFilter;
  hideCustomer?: boolean;
  emptyText: ReactNode;
  caption?: string;
  limit?: number;
};

const columns = (hideCustomer: boolean): Column<Invoice>[] => [
  {
    key: 'label',
    header: 'Número',
    className: 'whitespace-nowrap',
    cell: (invoice) => (
      <>
        <Link to={paths.app.finance.invoice.getHref(invoice.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
          {invoice.label}
        </Link>
        {invoice.description && <p className="max-w-56 truncate text-xs text-slate-500">{invoice.description}</p>}
      </>
    ),
  },
  customerColumn(hideCustomer),
  { key: 'status', header: 'Situação', cell: (invoice) => <InvoiceStatusBadge status={invoice.status} /> },
  { key: 'due', header: 'Vencimento', className: 'whitespace-nowrap text-slate-700', cell: (invoice) => formatIsoDate(invoice.due_date) },
  {
    key: 'total',
    header: 'Total',
    align: 'right',
    className: 'whitespace-nowrap text-slate-900 tabular-nums',
    cell: (invoice) => formatMoney(invoice.total_cents),
  },
  {
    key: 'due-today',
    header: 'A pagar hoje',
    align: 'right',
    className: 'whitespace-nowrap tabular-nums',
    cell: (invoice) =>
      isReceivable(invoice.status) ? (
        <span className="font-medium text-slate-900">{formatMoney(invoice.amount_due_cents)}</span>
      ) : (
        <span className="text-slate-400">—</span>
      ),
  },
];

/** Invoices as rows (newest first), with "Carregar mais". */
export function InvoicesTable({ filters, hideCustomer = false, emptyText, caption = 'Faturas', limit }: InvoicesTableProps) {
  const query = useInvoices(filters, limit);
  return (
    <InfiniteTable
      query={query}
      columns={columns(hideCustomer)}
      rowKey={(invoice) => invoice.id}
      caption={caption}
      loadingLabel="Carregando faturas…"
      errorTitle="Não foi possível carregar as faturas"
      emptyText={emptyText}
      minWidth={hideCustomer ? 'min-w-[34rem]' : 'min-w-[44rem]'}
    />
  );
}
