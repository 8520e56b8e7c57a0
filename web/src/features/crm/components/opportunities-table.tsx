import { useMemo, useState } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Opportunity, Pipeline } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useOpportunities, type OpportunityFilters } from '../api/get-opportunities';

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

  if (list.isPending) return <PageSpinner label="Carregando oportunidades…" />;
  if (list.isError) return <Alert title="Não foi possível carregar as oportunidades">{problemMessage(list.error)}</Alert>;

  return (
    <div>
      {items.length === 0 ? (
        <p role="status" className="p-6 text-center text-sm text-slate-600">
          {emptyText}
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">Oportunidades</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Título
                </th>
                {!hideCustomer && (
                  <th scope="col" className="px-4 py-3 font-medium">
                    Cliente
                  </th>
                )}
                <th scope="col" className="px-4 py-3 font-medium">
                  Etapa
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Valor
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Responsável
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Previsão
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Ações</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((o) => (
                <tr key={o.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <button type="button" className="text-left font-medium text-indigo-800 hover:underline" onClick={() => setEditing(o)}>
                      {o.title}
                    </button>
                  </td>
                  {!hideCustomer && (
                    <td className="px-4 py-3">
                      <Link to={paths.app.crm.customer.getHref(o.customer_id)} className="text-slate-700 hover:underline">
                        {o.customer_name}
                      </Link>
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <span className="text-slate-800">{stageNames.get(o.stage_id) ?? '—'}</span>{' '}
                    <span className={cn('ml-1 rounded-full px-2 py-0.5 text-xs font-medium', STATUS_STYLES[o.status])}>
                      {STAGE_KIND_LABELS[o.status]}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap text-slate-900">{formatMoney(o.value_cents)}</td>
                  <td className="px-4 py-3 text-slate-700">{o.owner_id ? (userNames.get(o.owner_id) ?? '—') : '—'}</td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                    {o.expected_close_date ? formatIsoDate(o.expected_close_date) : '—'}
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap">
                    <Link
                      to={paths.app.crm.newProposal.getHref({ customerId: o.customer_id, opportunityId: o.id })}
                      aria-label={`Nova proposta para ${o.title}`}
                      className="text-sm font-medium text-indigo-800 hover:underline"
                    >
                      Nova proposta
                    </Link>
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
      <EditOpportunityDialog opportunity={editingLive} onClose={() => setEditing(null)} />
    </div>
  );
}
