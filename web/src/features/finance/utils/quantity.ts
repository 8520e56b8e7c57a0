// Invoice item quantities: up to three decimals, typed in pt-BR. The API
// takes a JSON number; it is built from integer thousandths, so "0,1" is
// exactly 0.1 and never 0.1000000001.

const MAX_QUANTITY_MILLI = 1_000_000_000_000; // the server's 1 000 000 000 units

/**
 * "1,5" → 1500 thousandths; "2" → 2000; "1.500" → 1 500 000 (pt-BR
 * thousands); "1.5" → 1500 (a lone dot not followed by three digits is a
 * decimal point). Null when it is not a positive quantity with at most three
 * decimals.
 */
export function parseQuantityToMilli(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '');
  if (cleaned === '') return null;
  let whole: string;
  let fraction: string;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{0,3}))?$/.exec(cleaned))) {
    whole = match[1].replace(/\./g, '');
    fraction = match[2] ?? '';
  } else if ((match = /^(\d+)\.(\d{1,3})$/.exec(cleaned))) {
    whole = match[1];
    fraction = match[2];
  } else {
    return null;
  }
  const digits = `${whole}${fraction.padEnd(3, '0')}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 16) return null;
  const milli = Number(digits);
  if (!Number.isSafeInteger(milli) || milli <= 0 || milli > MAX_QUANTITY_MILLI) return null;
  return milli;
}

/** Thousandths → the JSON number the API takes (1500 → 1.5). */
export const milliToQuantity = (milli: number) => milli / 1000;

const quantityFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 });

/** 1.5 → "1,5"; 1000 → "1.000". */
export const formatQuantity = (quantity: number) => quantityFormat.format(quantity);

/**
 * Line total while typing: round(unit price × thousandths / 1000), half away
 * from zero, in BigInt — the server's figures are the ones saved.
 */
export function lineTotalCents(unitPriceCents: number, quantityMilli: number): number | null {
  const product = BigInt(unitPriceCents) * BigInt(quantityMilli);
  const q = product / 1000n;
  const r = product % 1000n;
  const abs = r < 0n ? -r : r;
  const rounded = 2n * abs >= 1000n ? (product < 0n ? q - 1n : q + 1n) : q;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(rounded);
}
