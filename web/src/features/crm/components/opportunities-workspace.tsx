import { useMemo, useState } from 'react';

import { CollapsibleFilters } from '@/components/list/collapsible-filters';
import { oneOf, useUrlFilters, useUrlSearch } from '@/components/list/use-url-filters';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import { usePipelines } from '@/lib/api/pipelines';
import { useAllUsers } from '@/lib/api/users';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

import { useOpportunity } from '../api/get-opportunity';

import { STAGE_KIND_LABELS } from './labels';
import { OpportunitiesTable } from './opportunities-table';
import { EditOpportunityDialog, NewOpportunityDialog } from './opportunity-form';
import { PipelineBoard } from './pipeline-board';

const KINDS = ['open', 'won', 'lost'] as const;

/**
 * Pipeline picker, board/list toggle and "Nova oportunidade"; the choices
 * live in the URL, and so does one deal opened from elsewhere
 * (`?oportunidade=<id>`: the inbox's "Vendas" block links to it).
 */
export function OpportunitiesWorkspace() {
  const pipelines = usePipelines();
  const { values, setFilter: setParam } = useUrlFilters(['visao', 'funil', 'oportunidade']);
  const [creating, setCreating] = useState(false);
  const view = values.visao === 'lista' ? 'list' : 'board';
  const list = pipelines.data ?? [];
  const pipelineId = list.find((p) => p.id === values.funil)?.id ?? list[0]?.id;

  if (pipelines.isPending) return <PageSpinner label="Carregando funis…" />;
  if (pipelines.isError) return <Alert title="Não foi possível carregar os funis">{problemMessage(pipelines.error)}</Alert>;
  if (!pipelineId) {
    return (
      <div role="status" className="rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <PageSpinner label="Preparando seu funil de vendas…" />
        <p className="text-sm text-slate-600">Sua empresa ganha um funil padrão logo após o cadastro. Isso leva só alguns segundos.</p>
      </div>
    );
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-wrap items-end gap-3">
          <SelectField
            label="Funil"
            value={pipelineId}
            onChange={(event) => setParam('funil', event.target.value)}
            wrapperClassName="w-56"
            disabled={list.length < 2}
          >
            {list.map((pipeline) => (
              <option key={pipeline.id} value={pipeline.id}>
                {pipeline.name}
              </option>
            ))}
          </SelectField>
          <div role="group" aria-label="Visualização" className="inline-flex rounded-md ring-1 ring-slate-300">
            {(
              [
                ['board', 'Quadro'],
                ['list', 'Lista'],
              ] as const
            ).map(([value, label]) => (
              <button
                key={value}
                type="button"
                aria-pressed={view === value}
                onClick={() => setParam('visao', value === 'list' ? 'lista' : '')}
                className={cn(
                  'h-10 px-4 text-sm font-medium first:rounded-l-md last:rounded-r-md',
                  view === value ? 'bg-indigo-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
                )}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
        <Button onClick={() => setCreating(true)}>Nova oportunidade</Button>
      </div>

      {view === 'board' ? <PipelineBoard key={pipelineId} pipelineId={pipelineId} /> : <ListView pipelineId={pipelineId} />}

      <NewOpportunityDialog open={creating} onClose={() => setCreating(false)} pipelines={list} defaultPipelineId={pipelineId} />
      {values.oportunidade && <LinkedOpportunity id={values.oportunidade} onClose={() => setParam('oportunidade', '')} />}
    </div>
  );
}

/** The deal a link names, in its dialog; closing it takes the id out of the URL. */
function LinkedOpportunity({ id, onClose }: { id: string; onClose: () => void }) {
  const opportunity = useOpportunity(id);
  if (opportunity.isError) {
    return (
      <Alert title="Não foi possível abrir a oportunidade do link">
        {problemMessage(opportunity.error, { 404: 'Ela pode ter sido excluída.' })}{' '}
        <button type="button" className="font-medium underline" onClick={onClose}>
          Fechar
        </button>
      </Alert>
    );
  }
  return <EditOpportunityDialog opportunity={opportunity.data ?? null} onClose={onClose} />;
}

function ListView({ pipelineId }: { pipelineId: string }) {
  const pipelines = usePipelines();
  const users = useAllUsers();
  // In the URL like the pipeline and the view, so "back" from an opportunity keeps them.
  const { input: search, setInput: setSearch, query: q } = useUrlSearch();
  const { values, setFilter } = useUrlFilters(['situacao', 'responsavel']);
  const status = oneOf(KINDS, values.situacao);
  const ownerId = values.responsavel;
  const filters = useMemo(
    () => ({ pipeline_id: pipelineId, q: q || undefined, status: status || undefined, owner_id: ownerId || undefined }),
    [pipelineId, q, status, ownerId],
  );
  return (
    <section aria-label="Lista de oportunidades" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <CollapsibleFilters
        className="grid gap-3 border-b border-slate-200 p-4 sm:grid-cols-4 sm:items-end"
        activeCount={[status, ownerId].filter(Boolean).length}
        search={
          <TextField
            label="Buscar oportunidades"
            type="search"
            placeholder="Título ou cliente"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            wrapperClassName="sm:col-span-2"
          />
        }
      >
        <SelectField label="Situação" value={status} onChange={(event) => setFilter('situacao', event.target.value)}>
          <option value="">Todas</option>
          {KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {STAGE_KIND_LABELS[kind]}
            </option>
          ))}
        </SelectField>
        <SelectField label="Responsável" value={ownerId} onChange={(event) => setFilter('responsavel', event.target.value)}>
          <option value="">Todos</option>
          {(users.data ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </SelectField>
      </CollapsibleFilters>
      <OpportunitiesTable
        filters={filters}
        pipelines={pipelines.data ?? []}
        emptyText={q || status || ownerId ? 'Nenhuma oportunidade com estes filtros.' : 'Nenhuma oportunidade neste funil ainda.'}
      />
    </section>
  );
}
