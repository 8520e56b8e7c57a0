import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

import { cn } from '@/lib/cn';

import type { Change } from '../utils/metrics';

const TONES: Record<Change['tone'], string> = {
  good: 'bg-emerald-50 text-emerald-800',
  bad: 'bg-red-50 text-red-800',
  neutral: 'bg-slate-100 text-slate-700',
};

/** "▲ 50%" in green or red (or grey when neither way is better), with the sentence for screen readers. */
export function ChangeBadge({ change }: { change: Change }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-1.5 py-0.5 text-xs font-medium whitespace-nowrap tabular-nums', TONES[change.tone])}>
      <span aria-hidden="true">{change.text}</span>
      <span className="sr-only">{change.label}</span>
    </span>
  );
}

/**
 * One number of the period: its value (a link to the list behind it, when
 * there is one), the value of the period before and the change. The group is
 * named by its label, so "Conversas abertas" reads with its numbers.
 */
export function KpiCard({
  label,
  value,
  previous,
  change,
  href,
  linkLabel,
  explain,
  hint,
  testId,
}: {
  label: string;
  /** What the label means, for acronyms (MRR, churn): a line under it. */
  explain?: string;
  value: string;
  /** The period before, already formatted; omitted for a number of now (pipeline, MRR). */
  previous?: string;
  change?: Change;
  href?: string;
  /** What the link opens, for screen readers ("ver as conversas"). */
  linkLabel?: string;
  hint?: ReactNode;
  testId?: string;
}) {
  const labelId = useId();
  const shown = (
    <span data-kpi-value="" className="tabular-nums">
      {value}
    </span>
  );
  return (
    <div role="group" aria-labelledby={labelId} data-testid={testId} className="flex min-w-0 flex-col rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <p id={labelId} className="text-sm text-slate-600">
        {label}
      </p>
      {explain && <p className="text-xs text-slate-500">{explain}</p>}
      <p className="mt-1 text-base font-semibold break-words text-slate-900 sm:text-xl">
        {href ? (
          <Link to={href} className="rounded text-indigo-800 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600">
            {shown}
            <span className="sr-only"> — {linkLabel ?? 'ver a lista'}</span>
          </Link>
        ) : (
          shown
        )}
      </p>
      {(previous !== undefined || change) && (
        <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
          {previous !== undefined && <span>Antes: {previous}</span>}
          {change && <ChangeBadge change={change} />}
        </p>
      )}
      {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
    </div>
  );
}

/** The cards of a section, as many per row as fit (two on a phone). */
export function KpiGrid({ children }: { children: ReactNode }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]">
      {children}
    </div>
  );
}
