import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Flow } from '@/lib/api/models';
import { EVENT_LABELS } from '@/lib/event-labels';
import { problemMessage } from '@/lib/problem';

import { useDeleteFlow, useFlows, useSetFlowActive } from '../api/flows';

import { FlowEditor } from './flow-editor';
import { STATUS_LABELS } from './labels';
import { RunHistory } from './run-history';

type View = { kind: 'list' } | { kind: 'edit'; flow: Flow | null } | { kind: 'runs'; flow: Flow };

/** Automação → Fluxos: the company's flows, their switches, editor and run history. */
export function FlowsPage() {
  const flows = useFlows();
  const toggle = useSetFlowActive();
  const remove = useDeleteFlow();
  const [view, setView] = useState<View>({ kind: 'list' });
  const [removing, setRemoving] = useState<Flow | null>(null);

  if (view.kind === 'edit')
    return (
      <section aria-labelledby="flow-editor-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="flow-editor-title" className="mb-4 text-base font-semibold text-slate-900">
          {view.flow ? `Editar “${view.flow.name}”` : 'Novo fluxo'}
        </h2>
        <FlowEditor flow={view.flow} onDone={() => setView({ kind: 'list' })} />
      </section>
    );

  if (view.kind === 'runs')
    return (
      <section aria-labelledby="runs-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="runs-title" className="text-base font-semibold text-slate-900">
            Histórico de “{view.flow.name}”
          </h2>
          <Button variant="secondary" onClick={() => setView({ kind: 'list' })}>
            Voltar
          </Button>
        </div>
        <RunHistory flow={view.flow} />
      </section>
    );

  return (
    <section aria-labelledby="flows-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="flows-title" className="text-base font-semibold text-slate-900">
            Fluxos
          </h2>
          <p className="text-sm text-slate-600">Quando um evento acontece e as condições valem, as ações rodam em ordem — uma vez por evento.</p>
        </div>
        <Button onClick={() => setView({ kind: 'edit', flow: null })}>Novo fluxo</Button>
      </div>
      {(toggle.isError || remove.isError) && <Alert title="Não foi possível concluir">{problemMessage(toggle.error ?? remove.error)}</Alert>}
      {flows.isPending ? (
        <PageSpinner label="Carregando fluxos…" />
      ) : flows.isError ? (
        <Alert title="Não foi possível carregar os fluxos">{problemMessage(flows.error)}</Alert>
      ) : flows.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhum fluxo ainda. Crie o primeiro: por exemplo, “ticket urgente → nota interna e etiqueta”.</p>
      ) : (
        <ul aria-label="Fluxos" className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
          {flows.data.map((flow) => {
            const active = flow.status === 'active';
            return (
              <li key={flow.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-3">
                <div className="min-w-0 flex-1">
                  <p className="text-sm font-medium text-slate-900">{flow.name}</p>
                  <p className="text-sm text-slate-600">
                    Quando: {EVENT_LABELS[flow.trigger_kind]} · {STATUS_LABELS[flow.status]} · versão {flow.version}
                  </p>
                </div>
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    role="switch"
                    aria-checked={active}
                    checked={active}
                    disabled={toggle.isPending}
                    onChange={() => toggle.mutate({ id: flow.id, active: !active })}
                  />
                  {active ? 'Ativo' : 'Desligado'}
                  <span className="sr-only"> — {flow.name}</span>
                </label>
                <div className="flex gap-2">
                  <Button size="sm" variant="secondary" onClick={() => setView({ kind: 'runs', flow })}>
                    Histórico
                  </Button>
                  <Button size="sm" variant="secondary" onClick={() => setView({ kind: 'edit', flow })}>
                    Editar
                  </Button>
                  <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRemoving(flow)}>
                    Excluir
                  </Button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
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
