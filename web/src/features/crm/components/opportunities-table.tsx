import { useMemo, useState } from 'react';
import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import type { Opportunity, Pipeline } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';

import { useOpportunities, type OpportunityFilters } from '../api/get-opportunities';

import { customerColumn } from './customer-column';
import { formatIsoDate, STAGE_KIND_LABELS } from './labels';
import { EditOpportunityDialog } from './opportunity-form';

const STATUS_STYLES = {
  open: 'bg-indigo-100 text-indigo-800',
  won: 'bg-emerald-100 text-emerald-800',
  lost: 'bg-red-100 text-red-800',
} as const;

type OpportunitiesTableProps = {
  filters: OpportunityFilters;
  pipelines: Pipeline[];
  /** Hide the customer column (on the customer's own page). */
  hideCustomer?: boolean;
  emptyText: string;
};

/** Opportunities as rows, with "Carregar mais"; a title opens the edit dialog. */
export function OpportunitiesTable({ filters, pipelines, hideCustomer = false, emptyText }: OpportunitiesTableProps) {
  const list = useOpportunities(filters);
  const users = useAllUsers();
  const [editing, setEditing] = useState<Opportunity | null>(null);
  const stageNames = useMemo(
    () => new Map(pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, stage.name] as const))),
    [pipelines],
  );
  const userNames = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const editingLive = editing ? (items.find((item) => item.id === editing.id) ?? editing) : null;

  const columns: Column<Opportunity>[] = [
    {
      key: 'title',
      header: 'Título',
      cell: (o) => (
        <button type="button" className="text-left font-medium text-indigo-800 hover:underline" onClick={() => setEditing(o)}>
          {o.title}
        </button>
      ),
    },
    customerColumn(hideCustomer),
    {
      key: 'stage',
      header: 'Etapa',
      cell: (o) => (
        <>
          <span className="text-slate-800">{stageNames.get(o.stage_id) ?? '—'}</span>{' '}
          <span className={cn('ml-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', STATUS_STYLES[o.status])}>{STAGE_KIND_LABELS[o.status]}</span>
        </>
      ),
    },
    { key: 'value', header: 'Valor', align: 'right', className: 'whitespace-nowrap text-slate-900', cell: (o) => formatMoney(o.value_cents) },
    { key: 'owner', header: 'Responsável', className: 'text-slate-700', cell: (o) => (o.owner_id ? (userNames.get(o.owner_id) ?? '—') : '—') },
    {
      key: 'close',
      header: 'Previsão',
      className: 'whitespace-nowrap text-slate-700',
      cell: (o) => (o.expected_close_date ? formatIsoDate(o.expected_close_date) : '—'),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Ações</span>,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (o) => (
        <Link
          to={paths.app.crm.newProposal.getHref({ customerId: o.customer_id, opportunityId: o.id })}
          aria-label={`Nova proposta para ${o.title}`}
          className="text-sm font-medium text-indigo-800 hover:underline"
        >
          Nova proposta
        </Link>
      ),
    },
  ];

  return (
    <div>
      <InfiniteTable
        query={list}
        columns={columns}
        rowKey={(o) => o.id}
        caption="Oportunidades"
        loadingLabel="Carregando oportunidades…"
        errorTitle="Não foi possível carregar as oportunidades"
        emptyText={emptyText}
        // On the customer's page (no customer column) the table fits the card at 1366 px; narrower, it scrolls inside it.
        minWidth={hideCustomer ? 'min-w-[36rem]' : undefined}
      />
      <EditOpportunityDialog opportunity={editingLive} onClose={() => setEditing(null)} />
    </div>
  );
}
