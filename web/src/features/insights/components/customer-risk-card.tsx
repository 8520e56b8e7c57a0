import { Spinner } from '@/components/ui/spinner';
import { problemMessage } from '@/lib/problem';

import { useCustomerRisk } from '../api/customer-risk';

import { RiskLevelBadge } from './risk-level-badge';
import { RiskReasons } from './risk-reasons';

/** "Risco de perda" on a customer's page: the score out of 100, its level and the reasons behind it. */
export function CustomerRiskCard({ customerId }: { customerId: string }) {
  const risk = useCustomerRisk(customerId);
  const titleId = `risk-${customerId}`;
  return (
    <section aria-labelledby={titleId} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          Risco de perda
        </h2>
        {risk.data && <RiskLevelBadge level={risk.data.level} />}
      </div>
      {risk.isPending ? (
        <Spinner size="sm" label="Calculando o risco…" />
      ) : risk.isError ? (
        <p className="text-sm text-red-700">{problemMessage(risk.error)}</p>
      ) : (
        <>
          <p className="text-slate-900">
            <span className="text-3xl font-semibold tabular-nums">{risk.data.score}</span>
            <span className="text-sm text-slate-500">/100</span>
          </p>
          {risk.data.score === 0 || risk.data.reasons.length === 0 ? (
            <p className="text-sm text-slate-600">Nenhum sinal de risco.</p>
          ) : (
            <RiskReasons reasons={risk.data.reasons} label="Motivos do risco" />
          )}
          {risk.data.finance_hidden && <p className="text-xs text-slate-500">Faturas não consideradas para o seu perfil.</p>}
        </>
      )}
    </section>
  );
}
