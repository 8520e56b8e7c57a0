import type { RiskReason } from '@/lib/api/models';

/** Why a customer may leave, each reason with the points it adds ("+30 Mensagem muito negativa…"). */
export function RiskReasons({ reasons, label }: { reasons: RiskReason[]; label: string }) {
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {reasons.map((reason) => (
        <li key={reason.kind} className="flex items-baseline gap-2">
          <span className="w-10 shrink-0 text-right font-semibold text-slate-900 tabular-nums">+{reason.points}</span>
          <span className="text-slate-700">{reason.label}</span>
        </li>
      ))}
    </ul>
  );
}
