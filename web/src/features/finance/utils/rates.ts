// Late-fee rates typed as percentages in pt-BR and sent as basis points
// (1 % = 100 bp). Integer arithmetic on the text: no float reaches a payload.

/** The Brazilian consumer limits the server enforces. */
export const MAX_FINE_BP = 200;
export const MAX_INTEREST_BP_MONTH = 100;

/**
 * "2" → 200, "0,5" → 50, "1,25" → 125, "" → 0. Null when it is not a
 * percentage with at most two decimals between 0 and `maxBp`.
 */
export function parsePercentToBp(text: string, maxBp = 10_000): number | null {
  const cleaned = text.replace(/[\s\u00a0%]/g, '');
  if (cleaned === '') return 0;
  const match = /^(\d{1,3})(?:[,.](\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= maxBp ? bp : null;
}

/** 125 → "1,25"; 200 → "2"; 0 → "0" (for an input). */
export function formatBpForInput(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = Math.abs(bp % 100);
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, '0').replace(/0+$/, '')}`;
}

/** 125 → "1,25%". */
export const formatBpPercent = (bp: number) => `${formatBpForInput(bp)}%`;
