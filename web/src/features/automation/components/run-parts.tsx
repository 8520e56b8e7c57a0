import { Button } from '@/components/ui/button';
import type { FlowRun, FlowStep } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useRetryRun } from '../api/flows';

import { OUTCOME_LABELS, RUN_STATUS_LABELS } from './labels';

// Pieces of a run shared by a flow's history, a ticket's history and the
// simulation.

/** `<option>`s for every key of a label record, in its order. */
export function LabelOptions<K extends string>({ labels }: { labels: Record<K, string> }) {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** A run's state: "Falhou" with its error, "Aguardando" until when, how deep in a chain of flows it ran. */
export function RunStatus({ run }: { run: FlowRun }) {
  return (
    <>
      {RUN_STATUS_LABELS[run.status]}
      {run.status === 'waiting' && run.resume_at && <span className="block text-xs text-slate-600">aguardando até {formatDateTime(run.resume_at)}</span>}
      {run.error && <span className="block text-xs text-slate-600">{run.error}</span>}
      <span className="block text-xs text-slate-500">
        versão {run.flow_version} · profundidade {run.depth}
        {run.depth > 0 && ' (disparada por outra automação)'}
      </span>
    </>
  );
}

/** Each step of a run (or of a simulated event) with its result. */
export function StepList({ steps, className }: { steps: FlowStep[]; className?: string }) {
  return (
    <ul className={cn('space-y-0.5', className)}>
      {steps.map((step) => (
        <li key={step.step}>
          <code className="text-xs">{step.label}</code>: {OUTCOME_LABELS[step.outcome]}
          {step.detail ? ` — ${step.detail}` : ''}
        </li>
      ))}
    </ul>
  );
}

/** "Repetir" on a failed run: it goes on from its failed step (earlier steps are not repeated). */
export function RetryButton({ run }: { run: FlowRun }) {
  const retry = useRetryRun();
  if (run.status !== 'failed') return null;
  return (
    <span className="mt-1 block">
      <Button size="sm" variant="secondary" isLoading={retry.isPending} disabled={retry.isSuccess} onClick={() => retry.mutate(run.id)}>
        {retry.isSuccess ? 'Repetindo…' : 'Repetir'}
      </Button>
      {retry.isError && <span className="block text-xs text-red-700">{problemMessage(retry.error)}</span>}
    </span>
  );
}
