import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { Priority, SlaPolicy } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';
import { PRIORITIES, PRIORITY_LABELS } from '@/lib/ticket-labels';

import { useSaveSlaPolicies } from '../api/sla';
import { formatBusinessMinutes, joinMinutes, splitMinutes } from '../utils/durations';


const MAX_MINUTES = 525_600;

const duration = z.object({ hours: z.string(), minutes: z.string() });

const schema = z.object({
  policies: z.array(z.object({ priority: z.enum(PRIORITIES), first: duration, resolution: duration })).superRefine((policies, ctx) => {
    policies.forEach((policy, index) => {
      const first = joinMinutes(policy.first.hours, policy.first.minutes);
      const resolution = joinMinutes(policy.resolution.hours, policy.resolution.minutes);
      if (first === null || first < 1 || first > MAX_MINUTES) {
        ctx.addIssue({ code: 'custom', path: [index, 'first', 'hours'], message: 'Entre 1 minuto e 1 ano (minutos de 0 a 59).' });
      }
      if (resolution === null || resolution < 1 || resolution > MAX_MINUTES) {
        ctx.addIssue({ code: 'custom', path: [index, 'resolution', 'hours'], message: 'Entre 1 minuto e 1 ano (minutos de 0 a 59).' });
      } else if (first !== null && first > resolution) {
        ctx.addIssue({ code: 'custom', path: [index, 'first', 'hours'], message: 'A primeira resposta não pode vir depois da resolução.' });
      }
    });
  }),
});
type Values = z.infer<typeof schema>;

function toValues(policies: SlaPolicy[]): Values {
  const byPriority = new Map(policies.map((policy) => [policy.priority, policy]));
  return {
    policies: PRIORITIES.filter((priority) => byPriority.has(priority)).map((priority) => {
      const policy = byPriority.get(priority) as SlaPolicy;
      return { priority, first: splitMinutes(policy.first_response_minutes), resolution: splitMinutes(policy.resolution_minutes) };
    }),
  };
}

/** Call on values that passed the schema. */
export function toSlaPolicies(values: Values): SlaPolicy[] {
  return values.policies.map((policy) => ({
    priority: policy.priority as Priority,
    first_response_minutes: joinMinutes(policy.first.hours, policy.first.minutes) ?? 0,
    resolution_minutes: joinMinutes(policy.resolution.hours, policy.resolution.minutes) ?? 0,
  }));
}

const input = 'h-9 w-16 rounded-md border bg-white px-2 text-right text-sm tabular-nums';

/** First-response and resolution targets per priority, in business hours and minutes. */
export function SlaSettingsForm({ policies }: { policies: SlaPolicy[] }) {
  const values = useMemo(() => toValues(policies), [policies]);
  const form = useForm<Values>({ resolver: zodResolver(schema), values, resetOptions: { keepDirtyValues: true } });
  const { errors, isDirty } = form.formState;
  const watched = useWatch({ control: form.control, name: 'policies' });
  const save = useSaveSlaPolicies();

  return (
    <form
      noValidate
      aria-label="Prazos de SLA"
      className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      onSubmit={form.handleSubmit((submitted) =>
        save.mutate(toSlaPolicies(submitted), { onSuccess: (saved) => form.reset(toValues(saved), { keepDirtyValues: false }) }),
      )}
    >
      <div>
        <h2 className="text-base font-semibold text-slate-900">Prazos por prioridade</h2>
        <p className="mt-1 text-sm text-slate-600">
          Contados em horário de atendimento (o da equipe do ticket, ou o da empresa). O alerta aparece com 80% do prazo usado. Valem para os tickets
          abertos depois de salvar.
        </p>
      </div>
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, [])} />
      <div className="relative overflow-x-auto">
        <table className="w-full min-w-[36rem] text-left text-sm">
          <caption className="sr-only">Prazos de SLA por prioridade</caption>
          <thead className="text-xs tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-2 font-medium">
                Prioridade
              </th>
              <th scope="col" className="py-2 font-medium">
                Primeira resposta
              </th>
              <th scope="col" className="py-2 font-medium">
                Resolução
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {values.policies.map((policy, index) => {
              const label = PRIORITY_LABELS[policy.priority as Priority];
              const current = watched?.[index];
              const cells = (['first', 'resolution'] as const).map((target) => {
                const error = errors.policies?.[index]?.[target]?.hours?.message;
                const total = current ? joinMinutes(current[target].hours, current[target].minutes) : null;
                const name = target === 'first' ? 'primeira resposta' : 'resolução';
                return (
                  <td key={target} className="py-2 align-top">
                    <div className="flex items-center gap-1">
                      <input
                        aria-label={`${label}: horas para ${name}`}
                        inputMode="numeric"
                        aria-invalid={error ? true : undefined}
                        className={cn(input, error ? 'border-red-600' : 'border-slate-300')}
                        {...form.register(`policies.${index}.${target}.hours`)}
                      />
                      <span className="text-slate-600">h</span>
                      <input
                        aria-label={`${label}: minutos para ${name}`}
                        inputMode="numeric"
                        aria-invalid={error ? true : undefined}
                        className={cn(input, error ? 'border-red-600' : 'border-slate-300')}
                        {...form.register(`policies.${index}.${target}.minutes`)}
                      />
                      <span className="text-slate-600">min</span>
                    </div>
                    {error ? (
                      <p className="mt-1 text-xs font-medium text-red-700">{error}</p>
                    ) : (
                      total !== null && <p className="mt-1 text-xs text-slate-500">{formatBusinessMinutes(total)}</p>
                    )}
                  </td>
                );
              });
              return (
                <tr key={policy.priority}>
                  <th scope="row" className="py-2 pr-4 align-top font-medium text-slate-900">
                    {label}
                  </th>
                  {cells}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        <div aria-live="polite">{save.isSuccess && !isDirty && <Alert tone="success">Prazos salvos.</Alert>}</div>
        <Button type="submit" isLoading={save.isPending} disabled={!isDirty && !save.isError}>
          Salvar prazos
        </Button>
      </div>
    </form>
  );
}
