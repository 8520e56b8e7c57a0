import { useState, type ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Flow } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { EVENT_LABELS } from '@/lib/event-labels';
import { problemMessage } from '@/lib/problem';

import { type FlowCommand, useDeleteFlow, useFlowCommand, useFlows } from '../api/flows';

import type { TeamOption } from './action-fields';
import { FlowEditor } from './flow-editor';
import { FlowVersions } from './flow-versions';
import { GalleryDialog } from './gallery-dialog';
import { STATUS_LABELS, STATUS_STYLES } from './labels';
import { RunHistory } from './run-history';

type View = { kind: 'list' } | { kind: 'edit'; flow: Flow | null } | { kind: 'runs'; flow: Flow } | { kind: 'versions'; flow: Flow };

const badge = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

/** A view of one flow under the list (its history, its versions), with the way back. */
function FlowSubPage({ id, title, onBack, children }: { id: string; title: string; onBack: () => void; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={id} className="text-base font-semibold text-slate-900">
          {title}
        </h2>
        <Button variant="secondary" onClick={onBack}>
          Voltar
        </Button>
      </div>
      {children}
    </section>
  );
}

/**
 * Automação → Fluxos: the company's flows, their switches, pending changes
 * to publish, versions, editor, run history and the ready-made models.
 * Teams come from the app layer (they live in support).
 */
export function FlowsPage({ teams }: { teams: TeamOption[] }) {
  const flows = useFlows();
  const command = useFlowCommand();
  const remove = useDeleteFlow();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [removing, setRemoving] = useState<Flow | null>(null);
  const [gallery, setGallery] = useState(false);
  const back = () => setView({ kind: 'list' });

  if (view.kind === 'edit')
    return (
      <section aria-labelledby="flow-editor-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="flow-editor-title" className="mb-4 text-base font-semibold text-slate-900">
          {view.flow ? `Editar “${view.flow.name}”` : 'Novo fluxo'}
        </h2>
        <FlowEditor flow={view.flow} teams={teams} onDone={back} />
      </section>
    );

  if (view.kind === 'runs')
    return (
      <FlowSubPage id="runs-title" title={`Histórico de “${view.flow.name}”`} onBack={back}>
        <RunHistory flow={view.flow} />
      </FlowSubPage>
    );

  if (view.kind === 'versions')
    return (
      <FlowSubPage id="versions-title" title={`Versões de “${view.flow.name}”`} onBack={back}>
        <FlowVersions flow={view.flow} />
      </FlowSubPage>
    );

  const busy = command.isPending;
  return (
    <section aria-labelledby="flows-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="flows-title" className="text-base font-semibold text-slate-900">
            Fluxos
          </h2>
          <p className="text-sm text-slate-600">Quando um evento acontece e as condições valem, as ações rodam em ordem — uma vez por evento.</p>
        </div>
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => setGallery(true)}>
            Modelos prontos
          </Button>
          <Button onClick={() => setView({ kind: 'edit', flow: null })}>Novo fluxo</Button>
        </div>
      </div>
      {(command.isError || remove.isError) && <Alert title="Não foi possível concluir">{problemMessage(command.error ?? remove.error)}</Alert>}
      {flows.isPending ? (
        <PageSpinner label="Carregando fluxos…" />
      ) : flows.isError ? (
        <Alert title="Não foi possível carregar os fluxos">{problemMessage(flows.error)}</Alert>
      ) : flows.data.length === 0 ? (
        <p className="text-sm text-slate-600">
          Nenhum fluxo ainda. Crie o primeiro — por exemplo, “ticket urgente → nota interna e etiqueta” — ou comece por um dos modelos prontos.
        </p>
      ) : (
        <ul aria-label="Fluxos" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {flows.data.map((flow) => {
            const active = flow.status === 'active';
            const run = (c: FlowCommand) => command.mutate({ id: flow.id, command: c });
            return (
              <li key={flow.id} aria-label={flow.name} className="flex flex-wrap items-center justify-between gap-3 px-3 py-3">
                <div className="min-w-0 flex-1 space-y-1">
                  <p className="text-sm font-medium text-slate-900">{flow.name}</p>
                  <p className="text-sm text-slate-600">
                    Quando: {EVENT_LABELS[flow.trigger_kind]} · <span className={cn(badge, STATUS_STYLES[flow.status])}>{STATUS_LABELS[flow.status]}</span> · versão{' '}
                    {flow.version}
                  </p>
                  {flow.schedule && (
                    <p className="text-xs text-slate-600">
                      Agenda: <code>{flow.schedule}</code> (fuso da empresa)
                    </p>
                  )}
                  {flow.paused_reason && flow.status === 'paused' && (
                    <p className="text-sm text-amber-900">Pausado automaticamente: {flow.paused_reason}</p>
                  )}
                  {flow.draft && (
                    <div className="flex flex-wrap items-center gap-2">
                      <span className={cn(badge, 'bg-amber-100 text-amber-900')}>Alterações não publicadas</span>
                      <Button size="sm" disabled={busy} onClick={() => run('publish')}>
                        Publicar
                      </Button>
                      <Button size="sm" variant="ghost" disabled={busy} onClick={() => run('discard-draft')}>
                        Descartar
                      </Button>
                    </div>
                  )}
                </div>
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" role="switch" aria-checked={active} checked={active} disabled={busy} onChange={() => run(active ? 'pause' : 'activate')} />
                  {active ? 'Ativo' : 'Desligado'}
                  <span className="sr-only"> — {flow.name}</span>
                </label>
                <div className="flex flex-wrap gap-2">
                  <Button size="sm" variant="secondary" onClick={() => setView({ kind: 'runs', flow })}>
                    Histórico
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => setView({ kind: 'versions', flow })}>
                    Versões
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => setView({ kind: 'edit', flow })}>
                    Editar
                  </Button>
                  {flow.status !== 'archived' && (
                    <Button size="sm" variant="ghost" disabled={busy} onClick={() => run('archive')}>
                      Arquivar
                    </Button>
                  )}
                  <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRemoving(flow)}>
                    Excluir
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <GalleryDialog
        open={gallery}
        onClose={() => setGallery(false)}
        onInstalled={(flow) => {
          setGallery(false);
          setView({ kind: 'edit', flow });
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Excluir “${removing?.name ?? ''}” e seu histórico?`}
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      />
    </section>
  );
}
