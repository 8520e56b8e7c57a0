import { UsageBar } from '@/components/ui/usage-bar';
import type { CompanyPlan } from '@/lib/api/models';
import { formatMoney } from '@/lib/format';

import { LIMITS } from './plan-labels';

export function CurrentPlan({ companyPlan }: { companyPlan: CompanyPlan }) {
  const { plan, usage } = companyPlan;
  return (
    <section aria-labelledby="current-plan-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-col gap-1 sm:flex-row sm:items-baseline sm:justify-between">
        <h2 id="current-plan-title" className="text-lg font-semibold text-slate-900">
          Plano atual: {plan.name}
        </h2>
        <p className="text-sm text-slate-600">
          {plan.price_cents === 0 ? 'Sem custo' : `${formatMoney(plan.price_cents, plan.currency)} por mês`}
        </p>
      </div>
      <div className="mt-5 grid gap-5 sm:grid-cols-2">
        {LIMITS.map((limit) => (
          <UsageBar
            key={limit.key}
            label={limit.label}
            used={usage[limit.usage]}
            limit={plan.limits[limit.key] ?? null}
            format={limit.format}
          />
        ))}
      </div>
    </section>
  );
}
