import { useId } from 'react';

import { Button } from '@/components/ui/button';
import type { BusinessWindow } from '@/lib/api/models';
import { cn } from '@/lib/cn';

import { describeBusinessHours, validateBusinessHours, WEEKDAYS, weekdaysTemplate } from '../utils/business-hours';

const control = 'h-9 rounded-md border bg-white px-2 text-sm text-slate-900';

/**
 * Opening hours as rows (day, opens, closes). Empty = the company's hours.
 * Each row says what is wrong with it (`showErrors` after a submit attempt).
 */
export function BusinessHoursEditor({
  value,
  onChange,
  showErrors = true,
  serverErrors = {},
}: {
  value: BusinessWindow[];
  onChange: (windows: BusinessWindow[]) => void;
  showErrors?: boolean;
  /** Messages from the server by row ("business_hours[2]"). */
  serverErrors?: Record<number, string>;
}) {
  const id = useId();
  const errors = showErrors ? validateBusinessHours(value) : {};
  const set = (index: number, change: Partial<BusinessWindow>) => onChange(value.map((window, i) => (i === index ? { ...window, ...change } : window)));

  return (
    <fieldset className="space-y-3">
      <legend className="text-sm font-medium text-slate-800">Horário de atendimento</legend>
      <p className="text-xs text-slate-600">
        Os prazos de SLA contam só dentro destes horários. {value.length === 0 ? 'Sem horários: vale o horário da empresa.' : describeBusinessHours(value)}
      </p>
      {value.length > 0 && (
        <ul className="space-y-2" aria-label="Horários">
          {value.map((window, index) => {
            const error = errors[index] ?? serverErrors[index];
            const rowId = `${id}-${index}`;
            return (
              <li key={index} className="space-y-1">
                <div className="flex flex-wrap items-center gap-2">
                  <label className="sr-only" htmlFor={`${rowId}-day`}>
                    Dia {index + 1}
                  </label>
                  <select
                    id={`${rowId}-day`}
                    value={window.weekday}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${rowId}-error` : undefined}
                    className={cn(control, error ? 'border-red-600' : 'border-slate-300')}
                    onChange={(event) => set(index, { weekday: Number(event.target.value) })}
                  >
                    {WEEKDAYS.map((day) => (
                      <option key={day.value} value={day.value}>
                        {day.label}
                      </option>
                    ))}
                  </select>
                  <label className="text-sm text-slate-600" htmlFor={`${rowId}-opens`}>
                    das
                  </label>
                  <input
                    id={`${rowId}-opens`}
                    type="time"
                    value={window.opens}
                    aria-invalid={error ? true : undefined}
                    className={cn(control, error ? 'border-red-600' : 'border-slate-300')}
                    onChange={(event) => set(index, { opens: event.target.value })}
                  />
                  <label className="text-sm text-slate-600" htmlFor={`${rowId}-closes`}>
                    às
                  </label>
                  <input
                    id={`${rowId}-closes`}
                    type="time"
                    value={window.closes}
                    aria-invalid={error ? true : undefined}
                    className={cn(control, error ? 'border-red-600' : 'border-slate-300')}
                    onChange={(event) => set(index, { closes: event.target.value })}
                  />
                  <Button size="sm" variant="ghost" aria-label={`Remover o horário ${index + 1}`} onClick={() => onChange(value.filter((_, i) => i !== index))}>
                    Remover
                  </Button>
                </div>
                {error && (
                  <p id={`${rowId}-error`} className="text-xs font-medium text-red-700">
                    {error}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            const last = value[value.length - 1];
            onChange([...value, { weekday: last ? Math.min(7, last.weekday + 1) : 1, opens: last?.opens ?? '08:00', closes: last?.closes ?? '18:00' }]);
          }}
        >
          Adicionar horário
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange(weekdaysTemplate())}>
          Segunda a sexta, 8h às 18h
        </Button>
        {value.length > 0 && (
          <Button size="sm" variant="ghost" onClick={() => onChange([])}>
            Usar o horário da empresa
          </Button>
        )}
      </div>
    </fieldset>
  );
}
