import { useMemo } from 'react';
import { Link } from 'react-router';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { SubscriptionFilter } from '@/lib/api/models';

import { FilterChips } from './filter-chips';
import { SUBSCRIPTION_STATUS_LABELS, SUBSCRIPTION_STATUSES } from './labels';
import { SubscriptionsTable } from './subscriptions-table';

const CHIPS = [{ value: '' as const, label: 'Todas' }, ...SUBSCRIPTION_STATUSES.map((value) => ({ value, label: SUBSCRIPTION_STATUS_LABELS[value] }))];

export function SubscriptionsList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['situacao']);
  const status = oneOf(SUBSCRIPTION_STATUSES, values.situacao);

  const filters: SubscriptionFilter = useMemo(() => ({ q: q || undefined, status: status || undefined }), [q, status]);
  const filtered = Boolean(q || status);

  return (
    <section aria-labelledby="subscriptions-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="subscriptions-title" className="sr-only">
        Lista de assinaturas
      </h2>
      <div className="space-y-3 border-b border-slate-200 p-4">
        <CollapsibleFilters
          className="flex flex-col gap-3"
          panelClassName="sm:order-first sm:block"
          activeCount={status ? 1 : 0}
          search={
            <TextField
              label="Buscar assinaturas"
              type="search"
              placeholder="Cliente ou descrição"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          }
        >
          <FilterChips label="Situação" chips={CHIPS} value={status} onChange={(value) => setFilter('situacao', value)} />
        </CollapsibleFilters>
      </div>
      <SubscriptionsTable
        filters={filters}
        emptyText={
          filtered ? (
            'Nenhuma assinatura encontrada com estes filtros.'
          ) : (
            <>
              <p className="text-base font-medium text-slate-900">Nenhuma assinatura ainda</p>
              <p className="mt-1">Contratos com itens recorrentes viram assinaturas ao serem assinados. Você também pode criar uma avulsa.</p>
              <Link
                to={paths.app.finance.newSubscription.getHref()}
                className="mt-4 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
              >
                Criar assinatura
              </Link>
            </>
          )
        }
      />
    </section>
  );
}
