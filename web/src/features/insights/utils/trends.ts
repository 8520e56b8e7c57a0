import type { RisingTerm } from '@/lib/api/models';

const percent = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });

export type Change = { direction: 'up' | 'down' | 'flat' | 'none'; text: string };

/** A category's change against the period before: "▲ 50%", "▼ 20%", "0%", or "—" when the period before had none. */
export function describeChange(changePct: number | null | undefined): Change {
  if (changePct == null) return { direction: 'none', text: '—' };
  const rounded = Math.round(changePct);
  if (rounded > 0) return { direction: 'up', text: `▲ ${percent.format(rounded)}%` };
  if (rounded < 0) return { direction: 'down', text: `▼ ${percent.format(-rounded)}%` };
  return { direction: 'flat', text: '0%' };
}

/** A word rising in a category, with its counts in this period and the one before: "cobrança (3 × 0)". */
export const risingTermLabel = (term: RisingTerm) => `${term.term} (${term.current} × ${term.previous})`;
