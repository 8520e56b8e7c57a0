import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import type { Flow, FlowRunStatus } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useRuns } from '../api/flows';

import { RUN_STATUS_LABELS } from './labels';
import { LabelOptions, RetryButton, RunStatus, StepList } from './run-parts';

/** A flow's last runs, newest first, each step with its result; filtered by state; failed ones repeated. */
export function RunHistory({ flow }: { flow: Flow }) {
  const [status, setStatus] = useState<FlowRunStatus | ''>('');
  const runs = useRuns(flow.id, status || undefined);
  return (
    <div className="space-y-3">
      <SelectField label="Situação" wrapperClassName="max-w-xs" value={status} onChange={(e) => setStatus(e.target.value as FlowRunStatus | '')}>
        <option value="">Todas</option>
        <LabelOptions labels={RUN_STATUS_LABELS} />
      </SelectField>
      {runs.isPending ? (
        <PageSpinner label="Carregando execuções…" />
      ) : runs.isError ? (
        <Alert title="Não foi possível carregar o histórico">{problemMessage(runs.error)}</Alert>
      ) : runs.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">{status ? 'Nenhuma execução nesta situação.' : 'Este fluxo ainda não rodou.'}</p>
      ) : (
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
                <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(run.started_at)}</td>
                <td className="py-2 pr-3">
                  <RunStatus run={run} />
                  <RetryButton run={run} />
                </td>
                <td className="py-2">
                  <StepList steps={run.steps} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
