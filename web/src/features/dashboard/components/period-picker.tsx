import { TextField } from '@/components/ui/fields';
import type { DashboardPeriod } from '@/lib/api/models';
import { cn } from '@/lib/cn';

import { PERIODS } from '../utils/period';

/** Hoje · 7 dias · 30 dias · Este mês · Trimestre · Personalizado (with its two dates). */
export function PeriodPicker({
  period,
  from,
  to,
  problem,
  onChoose,
  onDate,
}: {
  period: DashboardPeriod;
  from: string;
  to: string;
  problem: string | null;
  onChoose: (period: DashboardPeriod) => void;
  onDate: (key: 'de' | 'ate', value: string) => void;
}) {
  return (
    <div className="space-y-3">
      <div role="group" aria-label="Período" className="flex flex-wrap gap-2">
        {PERIODS.map((option) => {
          const active = option.value === period;
          return (
            <button
              key={option.value}
              type="button"
              aria-pressed={active}
              onClick={() => onChoose(option.value)}
              className={cn(
                'inline-flex h-8 items-center rounded-full px-3 text-sm font-medium ring-1 ring-inset',
                active ? 'bg-indigo-700 text-white ring-indigo-700' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
              )}
            >
              {option.label}
            </button>
          );
        })}
      </div>
      {period === 'custom' && (
        <div className="flex flex-wrap items-end gap-3">
          <TextField label="De" type="date" value={from} max={to || undefined} onChange={(event) => onDate('de', event.target.value)} wrapperClassName="w-44" />
          <TextField label="Até" type="date" value={to} min={from || undefined} onChange={(event) => onDate('ate', event.target.value)} wrapperClassName="w-44" />
          {problem && (
            <p role="status" className="pb-2 text-sm text-amber-800">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
