import { useMemo } from 'react';
import { Link } from 'react-router';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { InvoiceFilter } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { useExportInvoices } from '../api/invoice-files';

import { FilterChips } from './filter-chips';
import { InvoicesTable } from './invoices-table';
import { INVOICE_STATUS_LABELS, INVOICE_STATUSES } from './labels';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const readDate = (value: string) => (value && ISO_DATE.test(value) ? value : '');

const CHIPS = [{ value: '' as const, label: 'Todas' }, ...INVOICE_STATUSES.map((value) => ({ value, label: INVOICE_STATUS_LABELS[value] }))];

/** All invoices: search, status and due-date range live in the URL, so "back" keeps them. */
export function InvoicesList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter: setParam, clearFilters } = useUrlFilters(['situacao', 'vence_de', 'vence_ate']);
  const status = oneOf(INVOICE_STATUSES, values.situacao);
  const dueFrom = readDate(values.vence_de);
  const dueTo = readDate(values.vence_ate);
  const exportCsv = useExportInvoices();

  const filters: InvoiceFilter = useMemo(
    () => ({ q: q || undefined, status: status || undefined, due_from: dueFrom || undefined, due_to: dueTo || undefined }),
    [q, status, dueFrom, dueTo],
  );
  const filtered = Boolean(q || status || dueFrom || dueTo);

  return (
    <section aria-labelledby="invoices-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="invoices-title" className="sr-only">
        Lista de faturas
      </h2>
      <div className="space-y-3 border-b border-slate-200 p-4">
        <CollapsibleFilters
          className="grid gap-3 sm:grid-cols-4 sm:items-end"
          activeCount={[status, dueFrom, dueTo].filter(Boolean).length}
          search={
            <TextField
              label="Buscar faturas"
              type="search"
              placeholder="Número (FAT-0001) ou cliente"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              wrapperClassName="sm:col-span-2"
            />
          }
        >
          {/* First on wider screens: the chips over the search and the dates. */}
          <div className="sm:order-first sm:col-span-4">
            <FilterChips label="Situação" chips={CHIPS} value={status} onChange={(value) => setParam('situacao', value)} />
          </div>
          <TextField label="Vencimento de" type="date" value={dueFrom} max={dueTo || undefined} onChange={(event) => setParam('vence_de', event.target.value)} />
          <TextField label="Vencimento até" type="date" value={dueTo} min={dueFrom || undefined} onChange={(event) => setParam('vence_ate', event.target.value)} />
        </CollapsibleFilters>
        <div className="flex flex-wrap items-center justify-end gap-2">
          {filtered && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => {
                setSearch('');
                clearFilters();
              }}
            >
              Limpar filtros
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => exportCsv.mutate(filters)} isLoading={exportCsv.isPending}>
            Exportar CSV
          </Button>
        </div>
        <div aria-live="assertive">
          {exportCsv.isError && <Alert title="Não foi possível exportar">{problemMessage(exportCsv.error)}</Alert>}
        </div>
      </div>
      <InvoicesTable
        filters={filters}
        emptyText={
          filtered ? (
            'Nenhuma fatura encontrada com estes filtros.'
          ) : (
            <>
              <p className="text-base font-medium text-slate-900">Nenhuma fatura ainda</p>
              <p className="mt-1">
                Contratos assinados geram as faturas automaticamente: a parte única na assinatura e a recorrente a cada período. Você
                também pode emitir uma fatura avulsa.
              </p>
              <Link
                to={paths.app.finance.newInvoice.getHref()}
                className="mt-4 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
              >
                Emitir fatura
              </Link>
            </>
          )
        }
      />
    </section>
  );
}
