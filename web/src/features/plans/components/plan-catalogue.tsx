import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { Plan } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useChangePlan } from '../api/change-plan';

import { describeLimit, featureLabel, LIMIT_LABELS, LIMITS } from './plan-labels';

type PlanCatalogueProps = { plans: Plan[]; currentCode: string; canChange: boolean };

export function PlanCatalogue({ plans, currentCode, canChange }: PlanCatalogueProps) {
  const change = useChangePlan();
  const [choosing, setChoosing] = useState<Plan | null>(null);
  const limit = isApiError(change.error) ? change.error.planLimit : null;

  return (
    <section aria-labelledby="catalogue-title" className="space-y-4">
      <h2 id="catalogue-title" className="text-lg font-semibold text-slate-900">
        Planos disponíveis
      </h2>
      {!canChange && (
        <p className="text-sm text-slate-600">Apenas o proprietário da empresa pode mudar o plano.</p>
      )}
      <div aria-live="assertive" aria-atomic="true">
        {change.isError && (
          <Alert title={limit ? 'O uso atual não cabe no novo plano' : 'Não foi possível mudar o plano'}>
            {problemMessage(change.error)}
            {limit && LIMIT_LABELS[limit.limit] && (
              <p className="mt-1">
                Limite excedido: {LIMIT_LABELS[limit.limit]}
                {limit.max !== null ? ` (máximo ${limit.max})` : ''}. Reduza o uso antes de mudar.
              </p>
            )}
          </Alert>
        )}
      </div>
      <div aria-live="polite">
        {change.isSuccess && <Alert tone="success">Plano alterado para {change.data.plan.name}.</Alert>}
      </div>
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {plans.map((plan) => {
          const current = plan.code === currentCode;
          return (
            <li
              key={plan.code}
              className={cn(
                'flex flex-col rounded-xl bg-white p-5 shadow-sm ring-1',
                current ? 'ring-2 ring-indigo-600' : 'ring-slate-200',
              )}
            >
              <div className="flex items-start justify-between gap-2">
                <h3 className="text-base font-semibold text-slate-900">{plan.name}</h3>
                {current && (
                  <span className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">
                    Plano atual
                  </span>
                )}
              </div>
              <p className="mt-2 text-2xl font-bold text-slate-900">
                {plan.price_cents === 0 ? 'Grátis' : formatMoney(plan.price_cents, plan.currency)}
                {plan.price_cents !== 0 && <span className="text-sm font-normal text-slate-600"> /mês</span>}
              </p>
              <dl className="mt-4 space-y-1 text-sm">
                {LIMITS.map((item) => (
                  <div key={item.key} className="flex justify-between gap-2">
                    <dt className="text-slate-600">{item.label}</dt>
                    <dd className="font-medium text-slate-900">{describeLimit(plan.limits[item.key] ?? null, item.format)}</dd>
                  </div>
                ))}
              </dl>
              {plan.features.length > 0 && (
                <ul className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {plan.features.map((feature) => (
                    <li key={feature}>{featureLabel(feature)}</li>
                  ))}
                </ul>
              )}
              <div className="mt-auto pt-5">
                {!current && canChange && (
                  <Button
                    variant="secondary"
                    className="w-full"
                    onClick={() => {
                      change.reset();
                      setChoosing(plan);
                    }}
                    aria-label={`Mudar para este plano: ${plan.name}`}
                  >
                    Mudar para este plano
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={choosing !== null}
        title={`Mudar para o plano ${choosing?.name ?? ''}?`}
        confirmLabel="Mudar de plano"
        isLoading={change.isPending}
        onCancel={() => setChoosing(null)}
        onConfirm={() =>
          choosing && change.mutate({ plan_code: choosing.code }, { onSettled: () => setChoosing(null) })
        }
      >
        {choosing &&
          (choosing.price_cents === 0
            ? 'O plano gratuito passa a valer agora.'
            : `O valor passa a ser ${formatMoney(choosing.price_cents, choosing.currency)} por mês.`)}
      </ConfirmDialog>
    </section>
  );
}
