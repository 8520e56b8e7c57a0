import { useMemo } from 'react';
import { Link } from 'react-router';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { SelectField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';

import type { ContractFilters } from '../api/get-contracts';

import { ContractsTable } from './contracts-table';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES } from './labels';

/** All contracts: search and status live in the URL, so "back" keeps them. */
export function ContractsList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['situacao']);
  const status = oneOf(CONTRACT_STATUSES, values.situacao);

  const filters: ContractFilters = useMemo(() => ({ q: q || undefined, status: status || undefined }), [q, status]);
  const filtered = Boolean(q || status);

  return (
    <section aria-labelledby="contracts-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="contracts-title" className="sr-only">
        Lista de contratos
      </h2>
      <CollapsibleFilters
        className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-3 sm:items-end"
        activeCount={status ? 1 : 0}
        search={
          <TextField
            label="Buscar contratos"
            type="search"
            placeholder="Título, cliente ou número (CT-0003)"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            wrapperClassName="sm:col-span-2"
          />
        }
      >
        <SelectField
          label="Situação"
          value={status}
          onChange={(event) => setFilter('situacao', event.target.value)}
        >
          <option value="">Todos</option>
          {CONTRACT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {CONTRACT_STATUS_LABELS[value]}
            </option>
          ))}
        </SelectField>
      </CollapsibleFilters>
      <ContractsTable
        filters={filters}
        emptyText={
          filtered ? (
            'Nenhum contrato encontrado com estes filtros.'
          ) : (
            <>
              <p className="text-base font-medium text-slate-900">Nenhum contrato ainda</p>
              <p className="mt-1">Uma proposta aceita pelo cliente vira contrato assinado automaticamente. Você também pode cadastrar um à mão.</p>
              <Link
                to={paths.app.crm.newContract.getHref()}
                className="mt-4 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
              >
                Cadastrar contrato
              </Link>
            </>
          )
        }
      />
    </section>
  );
}
