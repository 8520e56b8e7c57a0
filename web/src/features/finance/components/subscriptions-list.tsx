import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { SubscriptionFilter, SubscriptionStatus } from '@/lib/api/models';
import { useDebouncedValue } from '@/lib/use-debounced-value';


import { FilterChips } from './filter-chips';
import { SUBSCRIPTION_STATUS_LABELS, SUBSCRIPTION_STATUSES } from './labels';
import { SubscriptionsTable } from './subscriptions-table';

function readStatus(value: string | null): SubscriptionStatus | '' {
  return SUBSCRIPTION_STATUSES.includes(value as SubscriptionStatus) ? (value as SubscriptionStatus) : '';
}

const CHIPS = [{ value: '' as const, label: 'Todas' }, ...SUBSCRIPTION_STATUSES.map((value) => ({ value, label: SUBSCRIPTION_STATUS_LABELS[value] }))];

export function SubscriptionsList() {
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebouncedValue(search.trim(), 300);
  const status = readStatus(params.get('situacao'));

  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const filters: SubscriptionFilter = useMemo(() => ({ q: q || undefined, status: status || undefined }), [q, status]);
  const filtered = Boolean(q || status);

  return (
    <section aria-labelledby="subscriptions-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="subscriptions-title" className="sr-only">
        Lista de assinaturas
      </h2>
      <div className="space-y-3 border-b border-slate-200 p-4">
        <FilterChips
          label="Situação"
          chips={CHIPS}
          value={status}
          onChange={(value) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (value) next.set('situacao', value);
                else next.delete('situacao');
                return next;
              },
              { replace: true },
            )
          }
        />
        <TextField
          label="Buscar assinaturas"
          type="search"
          placeholder="Cliente ou descrição"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
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
