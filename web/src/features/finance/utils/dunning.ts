// The dunning schedule: reminders on days relative to the due date
// (−3 = three days before, 0 = on the day, 10 = ten days after), typed as a
// list "-3, 0, 3, 10".

export const DUNNING_MIN_OFFSET = -30;
export const DUNNING_MAX_OFFSET = 90;
export const DUNNING_MAX_REMINDERS = 10;

export type DunningParse = { ok: true; offsets: number[] } | { ok: false; error: string };

/**
 * "-3, 0, 3, 10" → [-3, 0, 3, 10] (sorted, without repeats; ";" and spaces
 * also separate, "−" and "+" are read). An empty text is an empty schedule.
 */
export function parseDunningOffsets(text: string): DunningParse {
  const parts = text
    .replace(/\u2212/g, '-')
    .split(/[,;\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const offsets = new Set<number>();
  for (const part of parts) {
    if (!/^[+-]?\d{1,3}$/.test(part)) {
      return { ok: false, error: `"${part}" não é um número de dias. Use números inteiros separados por vírgula, ex. -3, 0, 3, 10.` };
    }
    const value = Number(part);
    if (value < DUNNING_MIN_OFFSET || value > DUNNING_MAX_OFFSET) {
      return { ok: false, error: `Use dias de ${DUNNING_MIN_OFFSET} (antes) a ${DUNNING_MAX_OFFSET} (depois do vencimento).` };
    }
    offsets.add(value === 0 ? 0 : value); // -0 → 0
  }
  if (offsets.size > DUNNING_MAX_REMINDERS) {
    return { ok: false, error: `Até ${DUNNING_MAX_REMINDERS} lembretes.` };
  }
  return { ok: true, offsets: [...offsets].sort((a, b) => a - b) };
}

/** [-3, 0, 3, 10] → "-3, 0, 3, 10". */
export const formatDunningOffsets = (offsets: readonly number[]) => offsets.join(', ');

/** -3 → "3 dias antes do vencimento"; 0 → "no dia do vencimento"; 1 → "1 dia depois do vencimento". */
export function describeOffset(offset: number): string {
  if (offset === 0) return 'no dia do vencimento';
  const days = Math.abs(offset);
  return `${days} ${days === 1 ? 'dia' : 'dias'} ${offset < 0 ? 'antes' : 'depois'} do vencimento`;
}
