// An estimate of the proration a plan change adds to the next invoice, by the
// server's rule (subscriptions/service.rs): when the current period is
// already billed, (new − old) × days left ÷ days in the period, rounded half
// away from zero. The server's figure (`pending_adjustment_cents`) is the
// one that counts; this is shown before confirming.

function parse(date: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

const DAY = 86_400_000;

/** The period start `months` before `next`, on the anchor day (or the month's last day). */
export function previousPeriodStart(next: string, months: number, anchorDay: number): string | null {
  const date = parse(next);
  if (!date) return null;
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(anchorDay, lastDay))).toISOString().slice(0, 10);
}

export function estimateProration({
  fromCents,
  toCents,
  nextBillingDate,
  intervalMonths,
  anchorDay,
  today,
}: {
  fromCents: number;
  toCents: number;
  nextBillingDate: string;
  intervalMonths: number;
  anchorDay: number;
  today: string;
}): number {
  const prevText = previousPeriodStart(nextBillingDate, intervalMonths, anchorDay);
  const prev = prevText ? parse(prevText) : null;
  const next = parse(nextBillingDate);
  const now = parse(today);
  if (!prev || !next || !now || now < prev || now >= next) return 0;
  const remaining = BigInt(Math.round((next.getTime() - now.getTime()) / DAY));
  const length = BigInt(Math.max(1, Math.round((next.getTime() - prev.getTime()) / DAY)));
  const numerator = BigInt(toCents - fromCents) * remaining;
  const q = numerator / length;
  const r = numerator % length;
  const abs = r < 0n ? -r : r;
  const rounded = 2n * abs >= length ? (numerator < 0n ? q - 1n : q + 1n) : q;
  return Number(rounded);
}
