import type { Plan } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatMoney } from '@/lib/format';

import { builtFeatureLabels, describeLimit, LIMITS } from './plan-labels';

type PlanCatalogueProps = { plans: Plan[]; currentCode: string };

/**
 * The plans, to compare. No plan is billed yet, so nobody changes it here:
 * the ConectCRM team moves a company to another plan on request.
 */
export function PlanCatalogue({ plans, currentCode }: PlanCatalogueProps) {
  return (
    <section aria-labelledby="catalogue-title" className="space-y-4">
      <h2 id="catalogue-title" className="text-lg font-semibold text-slate-900">
        Planos disponíveis
      </h2>
      <p className="text-sm text-slate-600">
        Para mudar de plano, fale com o atendimento do ConectCRM: a mudança é feita pela nossa equipe.
      </p>
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {plans.map((plan) => {
          const current = plan.code === currentCode;
          const features = builtFeatureLabels(plan.features);
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
              {features.length > 0 && (
                <ul aria-label={`Recursos do plano ${plan.name}`} className="mt-4 list-disc space-y-1 pl-5 text-sm text-slate-700">
                  {features.map((feature) => (
                    <li key={feature}>{feature}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
