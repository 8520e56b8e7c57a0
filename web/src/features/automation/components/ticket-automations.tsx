import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { problemMessage } from '@/lib/problem';

import { useFlows, useRunFlow } from '../api/flows';
import { BUTTON } from '../utils/draft';

import { RecordRuns } from './record-runs';

/**
 * "Automações" on a ticket: a button for each active flow whose trigger is
 * a button (`FlowRunRequested`), and every flow's runs on this ticket,
 * newest first. For roles that may use automation (the app layer checks).
 */
export function TicketAutomations({ ticketId }: { ticketId: string }) {
  const flows = useFlows();
  const runFlow = useRunFlow();
  const buttons = (flows.data ?? []).filter((f) => f.status === 'active' && f.trigger_kind === BUTTON);
  const names = new Map((flows.data ?? []).map((f) => [f.id, f.name]));

  return (
    <section aria-labelledby={`automations-${ticketId}`} className="space-y-2 border-b border-slate-200 px-4 py-3">
      <h3 id={`automations-${ticketId}`} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Automações
      </h3>
      {flows.isPending ? (
        <Spinner size="sm" label="Carregando fluxos…" />
      ) : flows.isError ? (
        <p className="text-xs text-red-700">{problemMessage(flows.error)}</p>
      ) : buttons.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhum fluxo de botão ativo. Crie um em Automação com o gatilho “Botão no ticket”.</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          {buttons.map((flow) => (
            <Button
              key={flow.id}
              size="sm"
              variant="secondary"
              isLoading={runFlow.isPending && runFlow.variables?.flowId === flow.id}
              disabled={runFlow.isPending}
              onClick={() => runFlow.mutate({ flowId: flow.id, ticketId })}
            >
              Executar: {flow.name}
            </Button>
          ))}
        </div>
      )}
      {runFlow.isSuccess && <p role="status" className="text-xs text-slate-600">Pedido enviado: a execução aparece abaixo em instantes.</p>}
      {runFlow.isError && <p className="text-xs text-red-700">{problemMessage(runFlow.error)}</p>}

      <h4 className="pt-1 text-xs font-medium text-slate-600">Histórico</h4>
      <RecordRuns recordId={ticketId} label="Execuções de automações neste ticket" empty="Nenhuma automação rodou neste ticket ainda." names={names} />
    </section>
  );
}
