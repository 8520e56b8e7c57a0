import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import type { Flow } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useRuns } from '../api/flows';

import { OUTCOME_LABELS, RUN_STATUS_LABELS } from './labels';

/** A flow's last runs, newest first, each step with its result. */
export function RunHistory({ flow }: { flow: Flow }) {
  const runs = useRuns(flow.id);
  if (runs.isPending) return <PageSpinner label="Carregando execuções…" />;
  if (runs.isError) return <Alert title="Não foi possível carregar o histórico">{problemMessage(runs.error)}</Alert>;
  if (runs.data.items.length === 0) return <p className="text-sm text-slate-600">Este fluxo ainda não rodou.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Execuções de {flow.name}</caption>
      <thead>
        <tr className="text-slate-600">
          <th scope="col" className="py-1 pr-3 font-medium">Quando</th>
          <th scope="col" className="py-1 pr-3 font-medium">Situação</th>
          <th scope="col" className="py-1 font-medium">Passos</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {runs.data.items.map((run) => (
          <tr key={run.id} className="align-top">
            <td className="py-2 pr-3 whitespace-nowrap">
              {formatDateTime(run.started_at)}
              <span className="block text-xs text-slate-500">versão {run.flow_version}</span>
            </td>
            <td className="py-2 pr-3">
              {RUN_STATUS_LABELS[run.status]}
              {run.error && <span className="block text-xs text-slate-600">{run.error}</span>}
            </td>
            <td className="py-2">
              <ul className="space-y-0.5">
                {run.steps.map((step) => (
                  <li key={step.step}>
                    <code className="text-xs">{step.label}</code>: {OUTCOME_LABELS[step.outcome]}
                    {step.detail ? ` — ${step.detail}` : ''}
                  </li>
                ))}
              </ul>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
