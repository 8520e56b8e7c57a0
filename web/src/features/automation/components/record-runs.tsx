import { Spinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useFlows, useRecordRuns } from '../api/flows';

import { RetryButton, RunStatus, StepList } from './run-parts';

/**
 * Every flow's runs on one record (a ticket, a customer), newest first,
 * each with its steps and, when it failed, "Repetir". `names` maps flow
 * ids to names when the caller already has the flows.
 */
export function RecordRuns({ recordId, label, empty, names }: { recordId: string; label: string; empty: string; names?: Map<string, string> }) {
  const runs = useRecordRuns(recordId);
  const flows = useFlows();
  const known = names ?? new Map((flows.data ?? []).map((f) => [f.id, f.name]));
  if (runs.isPending) return <Spinner size="sm" label="Carregando execuções…" />;
  if (runs.isError) return <p className="text-xs text-red-700">{problemMessage(runs.error)}</p>;
  if (runs.data.items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ol aria-label={label} className="space-y-2">
      {runs.data.items.map((run) => (
        <li key={run.id} className="rounded-md p-2 text-sm ring-1 ring-slate-200">
          <p className="font-medium text-slate-900">{known.get(run.flow_id) ?? 'Fluxo excluído'}</p>
          <p className="text-xs text-slate-500">{formatDateTime(run.started_at)}</p>
          <p className="text-slate-800">
            <RunStatus run={run} />
          </p>
          <details className="text-xs text-slate-700">
            <summary className="cursor-pointer">Passos</summary>
            <StepList steps={run.steps} className="mt-1" />
          </details>
          <RetryButton run={run} />
        </li>
      ))}
    </ol>
  );
}

/** "Automações" on a customer's page: every flow's runs on this customer. */
export function CustomerAutomations({ customerId }: { customerId: string }) {
  return (
    <section aria-labelledby={`automations-${customerId}`} className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <h2 id={`automations-${customerId}`} className="text-base font-semibold text-slate-900">
        Automações
      </h2>
      <RecordRuns recordId={customerId} label="Execuções de automações deste cliente" empty="Nenhuma automação rodou para este cliente ainda." />
    </section>
  );
}

/** "Automações" in a deal's dialog: every flow's runs on this deal (its events name the deal as the record). */
export function DealAutomations({ opportunityId }: { opportunityId: string }) {
  return (
    <section aria-labelledby={`automations-${opportunityId}`} className="space-y-2 border-t border-slate-200 pt-4">
      <h3 id={`automations-${opportunityId}`} className="text-sm font-semibold text-slate-900">
        Automações
      </h3>
      <RecordRuns
        recordId={opportunityId}
        label="Execuções de automações nesta oportunidade"
        empty="Nenhuma automação rodou nesta oportunidade ainda."
      />
    </section>
  );
}
