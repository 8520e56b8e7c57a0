import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import type { Proposal } from '@/lib/api/models';
import { BILLING_PERIOD_SUFFIX, proposalNumber } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';

import { useProposals, type ProposalFilters } from '../api/get-proposals';

import { customerColumn } from './customer-column';
import { formatIsoDate } from './labels';
import { ProposalStatusBadge } from './status-badges';

type ProposalsTableProps = {
  filters: ProposalFilters;
  /** Hide the customer column (on the customer's own page). */
  hideCustomer?: boolean;
  emptyText: React.ReactNode;
  caption?: string;
};

const columns = (hideCustomer: boolean): Column<Proposal>[] => [
  {
    key: 'number',
    header: 'Número',
    className: 'whitespace-nowrap',
    cell: (p) => (
      <Link to={paths.app.crm.proposal.getHref(p.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
        {proposalNumber(p.number)}
      </Link>
    ),
  },
  {
    key: 'title',
    header: 'Título',
    cell: (p) => (
      <>
        <Link to={paths.app.crm.proposal.getHref(p.id)} className="font-medium text-indigo-800 hover:underline">
          {p.title}
        </Link>
        {p.revision > 1 && <span className="ml-2 text-xs text-slate-500">rev. {p.revision}</span>}
      </>
    ),
  },
  customerColumn(hideCustomer),
  { key: 'status', header: 'Situação', cell: (p) => <ProposalStatusBadge status={p.status} /> },
  {
    key: 'total',
    header: 'Total',
    align: 'right',
    className: 'whitespace-nowrap text-slate-900 tabular-nums',
    cell: (p) => (
      <>
        {formatMoney(p.total_cents)}
        {p.recurring_cents > 0 && (
          <p className="text-xs text-slate-500">
            {formatMoney(p.recurring_cents)}
            {BILLING_PERIOD_SUFFIX[p.recurrence]}
          </p>
        )}
      </>
    ),
  },
  { key: 'valid-until', header: 'Validade', className: 'whitespace-nowrap text-slate-700', cell: (p) => formatIsoDate(p.valid_until) },
];

/** Proposals as rows (newest first), with "Carregar mais". */
export function ProposalsTable({ filters, hideCustomer = false, emptyText, caption = 'Propostas' }: ProposalsTableProps) {
  const query = useProposals(filters);
  return (
    <InfiniteTable
      query={query}
      columns={columns(hideCustomer)}
      rowKey={(p) => p.id}
      caption={caption}
      loadingLabel="Carregando propostas…"
      errorTitle="Não foi possível carregar as propostas"
      emptyText={emptyText}
      minWidth={hideCustomer ? 'min-w-[34rem]' : undefined}
    />
  );
}
