import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';

import { setupProgress, type SetupStep, type SetupStepId, type SetupStepState } from '../utils/setup-steps';

const MARK: Record<SetupStepState, { label: string; className: string; symbol: string }> = {
  done: { label: 'Concluído', className: 'bg-emerald-600 text-white', symbol: '✓' },
  todo: { label: 'A fazer', className: 'bg-white text-slate-400 ring-1 ring-slate-300', symbol: '' },
  pending: { label: 'Verificando', className: 'bg-white text-slate-400 ring-1 ring-slate-300', symbol: '…' },
  unknown: { label: 'Não verificado', className: 'bg-amber-50 text-amber-700 ring-1 ring-amber-300', symbol: '?' },
};

function StepMark({ state }: { state: SetupStepState }) {
  const mark = MARK[state];
  return (
    <span role="img" aria-label={mark.label} className={cn('mt-0.5 flex size-6 shrink-0 items-center justify-center rounded-full text-sm font-bold', mark.className)}>
      <span aria-hidden="true">{mark.symbol}</span>
    </span>
  );
}

type Props = {
  steps: SetupStep[];
  /** What a step offers besides its link (the channel's "Conectar o chat do site"); shown done or not, so it keeps its state. */
  actions?: Partial<Record<SetupStepId, ReactNode>>;
  onHide: () => void;
};

/**
 * The setup guide: the first steps with their ticks (from the data, so they
 * tick when the lists refresh), "3 de 6" and "Ocultar guia". Shown once the
 * steps are read; never for a company that had everything done on arrival,
 * and kept ("Tudo pronto!") when the last step is done while on screen.
 */
export function SetupGuide({ steps, actions, onHide }: Props) {
  const progress = setupProgress(steps);
  const [sawIncomplete, setSawIncomplete] = useState(false);
  if (progress.settled && !progress.complete && !sawIncomplete) setSawIncomplete(true);
  if (!progress.settled || (progress.complete && !sawIncomplete)) return null;

  const percent = Math.round((progress.done / progress.total) * 100);
  return (
    <section aria-labelledby="setup-guide-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 id="setup-guide-title" className="text-base font-semibold text-slate-900">
            {progress.complete ? 'Tudo pronto!' : 'Primeiros passos'}
          </h2>
          <p className="text-sm text-slate-600">
            {progress.complete
              ? 'A empresa está configurada. Pode ocultar este guia.'
              : 'Deixe a empresa pronta para atender, vender e cobrar. Cada passo se marca sozinho quando é feito.'}
          </p>
        </div>
        <Button size="sm" variant="secondary" onClick={onHide}>
          Ocultar guia
        </Button>
      </div>

      <div className="mt-4 flex items-center gap-3">
        <p id="setup-guide-progress" className="shrink-0 text-sm font-semibold text-slate-900 tabular-nums">
          {progress.done} de {progress.total}
        </p>
        <div
          role="progressbar"
          aria-labelledby="setup-guide-progress"
          aria-valuemin={0}
          aria-valuemax={progress.total}
          aria-valuenow={progress.done}
          aria-valuetext={`${progress.done} de ${progress.total} passos concluídos`}
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-emerald-600" style={{ width: `${percent}%` }} />
        </div>
      </div>

      <ol aria-label="Passos da configuração" className="mt-2 divide-y divide-slate-100">
        {steps.map((step) => {
          const done = step.state === 'done';
          return (
            <li key={step.id} aria-labelledby={`setup-step-${step.id}`} className="flex gap-3 py-3">
              <StepMark state={step.state} />
              <div className="min-w-0 flex-1 space-y-2">
                <p id={`setup-step-${step.id}`} className={cn('text-sm font-medium', done ? 'text-slate-500' : 'text-slate-900')}>
                  {step.title}
                </p>
                {!done && <p className="text-sm text-slate-600">{step.description}</p>}
                {step.state === 'unknown' && <p className="text-xs text-amber-800">Não foi possível verificar este passo agora.</p>}
                {actions?.[step.id]}
                {!done && (
                  <Link to={step.href} className="inline-block text-sm font-medium text-indigo-800 hover:underline">
                    {step.linkLabel} →
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
