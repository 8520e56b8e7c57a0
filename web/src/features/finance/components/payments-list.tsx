import { useMemo } from 'react';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { TextField } from '@/components/ui/fields';
import type { PaymentFilter, PaymentStatus } from '@/lib/api/models';

import { FilterChips } from './filter-chips';
import { PAYMENT_STATUSES } from './labels';
import { PaymentsTable } from './payments-table';

const CHIPS: { value: PaymentStatus | ''; label: string }[] = [
  { value: '', label: 'Todos' },
  { value: 'confirmed', label: 'Confirmados' },
  { value: 'review', label: 'A conferir' },
  { value: 'rejected', label: 'Rejeitados' },
];

/** Every payment received (by hand or from a gateway): status and search in the URL. */
export function PaymentsList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['situacao']);
  const status = oneOf(PAYMENT_STATUSES, values.situacao);

  const filters: PaymentFilter = useMemo(() => ({ q: q || undefined, status: status || undefined }), [q, status]);
  const filtered = Boolean(q || status);

  return (
    <section aria-labelledby="payments-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="payments-title" className="sr-only">
        Lista de pagamentos
      </h2>
      <div className="space-y-3 border-b border-slate-200 p-4">
        <CollapsibleFilters
          className="flex flex-col gap-3"
          panelClassName="sm:order-first sm:block"
          activeCount={status ? 1 : 0}
          search={
            <TextField
              label="Buscar pagamentos"
              type="search"
              placeholder="Cliente ou referência"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
          }
        >
          <FilterChips label="Situação" chips={CHIPS} value={status} onChange={(value) => setFilter('situacao', value)} />
        </CollapsibleFilters>
        {status === 'review' && (
          <p className="text-sm text-slate-600">
            Pagamentos informados pelo provedor com valor diferente do cobrado ficam retidos aqui até alguém conferir: aceite para aplicá-los à
            fatura, ou estorne.
          </p>
        )}
      </div>
      <PaymentsTable
        filters={filters}
        emptyText={
          status === 'review'
            ? 'Nenhum pagamento a conferir.'
            : filtered
              ? 'Nenhum pagamento encontrado com estes filtros.'
              : 'Nenhum pagamento ainda. Registre um na página da fatura, ou conecte o Stripe ou o Asaas para a baixa automática.'
        }
      />
    </section>
  );
}
