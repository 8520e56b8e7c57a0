import { useMemo } from 'react';
import { Link } from 'react-router';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { SelectField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';

import type { ProposalFilters } from '../api/get-proposals';

import { PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES } from './labels';
import { ProposalsTable } from './proposals-table';

/** All proposals: search and status live in the URL, so "back" keeps them. */
export function ProposalsList() {
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['situacao']);
  const status = oneOf(PROPOSAL_STATUSES, values.situacao);

  const filters: ProposalFilters = useMemo(() => ({ q: q || undefined, status: status || undefined }), [q, status]);
  const filtered = Boolean(q || status);

  return (
    <section aria-labelledby="proposals-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="proposals-title" className="sr-only">
        Lista de propostas
      </h2>
      <CollapsibleFilters
        className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-3 sm:items-end"
        activeCount={status ? 1 : 0}
        search={
          <TextField
            label="Buscar propostas"
            type="search"
            placeholder="Título, cliente ou número (PROP-0007)"
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
          <option value="">Todas</option>
          {PROPOSAL_STATUSES.map((value) => (
            <option key={value} value={value}>
              {PROPOSAL_STATUS_LABELS[value]}
            </option>
          ))}
        </SelectField>
      </CollapsibleFilters>
      <ProposalsTable
        filters={filters}
        emptyText={
          filtered ? (
            'Nenhuma proposta encontrada com estes filtros.'
          ) : (
            <>
              <p className="text-base font-medium text-slate-900">Nenhuma proposta ainda</p>
              <p className="mt-1">Monte a primeira com os produtos do catálogo e envie ao cliente com um link para aceite.</p>
              <Link
                to={paths.app.crm.newProposal.getHref()}
                className="mt-4 inline-flex h-10 items-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
              >
                Criar proposta
              </Link>
            </>
          )
        }
      />
    </section>
  );
}
