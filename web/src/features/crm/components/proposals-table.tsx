import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { BILLING_PERIOD_SUFFIX, proposalNumber } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useProposals, type ProposalFilters } from '../api/get-proposals';

import { formatIsoDate } from './labels';
import { ProposalStatusBadge } from './status-badges';

type ProposalsTableProps = {
  filters: ProposalFilters;
  /** Hide the customer column (on the customer's own page). */
  hideCustomer?: boolean;
  emptyText: React.ReactNode;
  caption?: string;
};

/** Proposals as rows (newest first), with "Carregar mais". */
export function ProposalsTable({ filters, hideCustomer = false, emptyText, caption = 'Propostas' }: ProposalsTableProps) {
  const list = useProposals(filters);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <PageSpinner label="Carregando propostas…" />;
  if (list.isError) {
    return (
      <div className="p-4">
        <Alert title="Não foi possível carregar as propostas">{problemMessage(list.error)}</Alert>
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
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Número
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Título
                </th>
                {!hideCustomer && (
                  <th scope="col" className="px-4 py-3 font-medium">
                    Cliente
                  </th>
                )}
                <th scope="col" className="px-4 py-3 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Total
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Validade
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((p) => (
                <tr key={p.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Link to={paths.app.crm.proposal.getHref(p.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
                      {proposalNumber(p.number)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <Link to={paths.app.crm.proposal.getHref(p.id)} className="font-medium text-indigo-800 hover:underline">
                      {p.title}
                    </Link>
                    {p.revision > 1 && <span className="ml-2 text-xs text-slate-500">rev. {p.revision}</span>}
                  </td>
                  {!hideCustomer && (
                    <td className="px-4 py-3">
                      <Link to={paths.app.crm.customer.getHref(p.customer_id)} className="text-slate-700 hover:underline">
                        {p.customer_name}
                      </Link>
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <ProposalStatusBadge status={p.status} />
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap text-slate-900 tabular-nums">
                    {formatMoney(p.total_cents)}
                    {p.recurring_cents > 0 && (
                      <p className="text-xs text-slate-500">
                        {formatMoney(p.recurring_cents)}
                        {BILLING_PERIOD_SUFFIX[p.recurrence]}
                      </p>
                    )}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatIsoDate(p.valid_until)}</td>
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
