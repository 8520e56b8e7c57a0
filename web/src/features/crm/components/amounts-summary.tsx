import type { ReactNode } from 'react';

import type { Billing } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { BILLING_LABELS, BILLING_PERIOD_SUFFIX, formatBasisPoints } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';

export type Amounts = {
  subtotalCents?: number;
  discountCents?: number;
  discountBp?: number;
  totalCents?: number;
  oneTimeCents: number;
  recurringCents: number;
  recurrence: Billing;
};

function Row({ label, value, strong = false, testId }: { label: ReactNode; value: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <div className={cn('flex items-baseline justify-between gap-4', strong && 'text-base font-semibold text-slate-900')}>
      <dt className={strong ? undefined : 'text-slate-600'}>{label}</dt>
      <dd className="text-right whitespace-nowrap tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Subtotal, discount and total, then what is billed once and what every period. */
export function AmountsSummary({ amounts, label = 'Totais' }: { amounts: Amounts; label?: string }) {
  const { subtotalCents, discountCents, discountBp, totalCents, oneTimeCents, recurringCents, recurrence } = amounts;
  const suffix = BILLING_PERIOD_SUFFIX[recurrence];
  return (
    <dl aria-label={label} className="space-y-1.5 text-sm">
      {subtotalCents !== undefined && <Row label="Subtotal" value={formatMoney(subtotalCents)} testId="subtotal" />}
      {discountCents !== undefined && discountCents > 0 && (
        <Row
          label={`Desconto geral${discountBp ? ` (${formatBasisPoints(discountBp)})` : ''}`}
          value={`− ${formatMoney(discountCents)}`}
          testId="discount"
        />
      )}
      {totalCents !== undefined && <Row label="Total" value={formatMoney(totalCents)} strong testId="total" />}
      <div className="mt-2 space-y-1.5 border-t border-slate-200 pt-2">
        {(oneTimeCents > 0 || recurringCents === 0) && <Row label="Pagamento único" value={formatMoney(oneTimeCents)} testId="one-time" />}
        {recurringCents > 0 && (
          <Row
            label={`Recorrente (${BILLING_LABELS[recurrence].toLowerCase()})`}
            value={`${formatMoney(recurringCents)}${suffix}`}
            testId="recurring"
          />
        )}
      </div>
    </dl>
  );
}
