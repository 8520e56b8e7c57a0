import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { InvoiceFilter } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatIsoDate, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useInvoices } from '../api/get-invoices';

import { CustomerLink } from './customer-link';
import { isReceivable } from './labels';
import { InvoiceStatusBadge } from './status-badges';

type InvoicesTableProps = {
  filters: InvoiceFilter;
  hideCustomer?: boolean;
  emptyText: ReactNode;
  caption?: string;
  limit?: number;
};

/** Invoices as rows (newest first), with "Carregar mais". */
export function InvoicesTable({ filters, hideCustomer = false, emptyText, caption = 'Faturas', limit }: InvoicesTableProps) {
  const list = useInvoices(filters, limit);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <PageSpinner label="Carregando faturas…" />;
  if (list.isError) {
    return (
      <div className="p-4">
        <Alert title="Não foi possível carregar as faturas">{problemMessage(list.error)}</Alert>
      </div>
    );
  }
  return (
    <div>
      {items.length === 0 ? (
        <div role="status" className="p-6 text-center text-sm text-slate-600">
          {emptyText}
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className={cn('w-full text-left text-sm', hideCustomer ? 'min-w-[34rem]' : 'min-w-[44rem]')}>
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Número
                </th>
                {!hideCustomer && (
                  <th scope="col" className="px-4 py-3 font-medium">
                    Cliente
                  </th>
                )}
                <th scope="col" className="px-4 py-3 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Vencimento
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Total
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  A pagar hoje
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((invoice) => (
                <tr key={invoice.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Link to={paths.app.finance.invoice.getHref(invoice.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
                      {invoice.label}
                    </Link>
                    {invoice.description && <p className="max-w-56 truncate text-xs text-slate-500">{invoice.description}</p>}
                  </td>
                  {!hideCustomer && (
                    <td className="px-4 py-3">
                      <CustomerLink id={invoice.customer_id} name={invoice.customer_name} className="text-slate-700" />
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <InvoiceStatusBadge status={invoice.status} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatIsoDate(invoice.due_date)}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap text-slate-900 tabular-nums">{formatMoney(invoice.total_cents)}</td>
                  <td className="px-4 py-3 text-right whitespace-nowrap tabular-nums">
                    {isReceivable(invoice.status) ? (
                      <span className="font-medium text-slate-900">{formatMoney(invoice.amount_due_cents)}</span>
                    ) : (
                      <span className="text-slate-400">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <div className="border-t border-slate-200 p-4 text-center">
          <Button variant="secondary" onClick={() => list.fetchNextPage()} isLoading={list.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </div>
  );
}
