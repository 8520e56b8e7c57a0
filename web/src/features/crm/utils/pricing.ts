// The server's pricing rule (crates/crm/src/proposals/pricing.rs), for the
// live totals of the proposal and contract editors. Integer arithmetic only
// (BigInt), one rounding rule: half away from zero.
//
// 1. line gross    = round(unit price × quantity in thousandths / 1000);
// 2. line discount = round(gross × item discount bp / 10 000);
// 3. line total    = gross − line discount;
// 4. lines are grouped: one-time, and recurring (one period for all);
// 5. each group's discount = round(group × overall discount bp / 10 000);
// 6. total = Σ groups after discount; subtotal and discount are the sums.
//
// The server's figures are the ones that count; these are shown while typing.

export type PricingLine = {
  quantityMilli: number;
  unitPriceCents: number;
  discountBp: number;
  recurring: boolean;
};

export type LineTotals = { grossCents: number; discountCents: number; totalCents: number };

export type Totals = {
  lines: LineTotals[];
  subtotalCents: number;
  discountCents: number;
  totalCents: number;
  oneTimeCents: number;
  recurringCents: number;
};

export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

/** numerator / denominator rounded half away from zero (kernel::money::div_round). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new PricingError('Divisor inválido.');
  const q = numerator / denominator; // truncates toward zero, like Rust
  const r = numerator % denominator;
  const absR = r < 0n ? -r : r;
  if (2n * absR >= denominator) return numerator < 0n ? q - 1n : q + 1n;
  return q;
}

function toNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new PricingError('Valor grande demais.');
  }
  return Number(value);
}

function checkInteger(value: number) {
  if (!Number.isSafeInteger(value)) throw new PricingError('Use números inteiros (centavos, milésimos, pontos-base).');
}

function checkDiscount(bp: number) {
  checkInteger(bp);
  if (bp < 0 || bp > 10_000) throw new PricingError('Desconto deve estar entre 0% e 100%.');
}

function lineBig(line: PricingLine) {
  checkInteger(line.quantityMilli);
  checkInteger(line.unitPriceCents);
  if (line.quantityMilli <= 0 || line.unitPriceCents < 0) throw new PricingError('Quantidade e preço não podem ser negativos.');
  checkDiscount(line.discountBp);
  const gross = divRound(BigInt(line.unitPriceCents) * BigInt(line.quantityMilli), 1000n);
  const discount = divRound(gross * BigInt(line.discountBp), 10_000n);
  return { gross, discount, total: gross - discount };
}

export function priceLine(line: PricingLine): LineTotals {
  const { gross, discount, total } = lineBig(line);
  return { grossCents: toNumber(gross), discountCents: toNumber(discount), totalCents: toNumber(total) };
}

export function priceTotals(lines: readonly PricingLine[], overallDiscountBp: number): Totals {
  checkDiscount(overallDiscountBp);
  const computed = lines.map(lineBig);
  let oneTime = 0n;
  let recurring = 0n;
  computed.forEach((line, index) => {
    if (lines[index].recurring) recurring += line.total;
    else oneTime += line.total;
  });
  const overall = BigInt(overallDiscountBp);
  const oneTimeDiscount = divRound(oneTime * overall, 10_000n);
  const recurringDiscount = divRound(recurring * overall, 10_000n);
  return {
    lines: computed.map((line) => ({
      grossCents: toNumber(line.gross),
      discountCents: toNumber(line.discount),
      totalCents: toNumber(line.total),
    })),
    subtotalCents: toNumber(oneTime + recurring),
    discountCents: toNumber(oneTimeDiscount + recurringDiscount),
    totalCents: toNumber(oneTime - oneTimeDiscount + recurring - recurringDiscount),
    oneTimeCents: toNumber(oneTime - oneTimeDiscount),
    recurringCents: toNumber(recurring - recurringDiscount),
  };
}

// --- what people type -------------------------------------------------------------

const MAX_QUANTITY_MILLI = 1_000_000_000_000; // the server's 1 000 000 000 units

/**
 * "1,5" → 1500 thousandths; "2" → 2000; "1.500" → 1 500 000 (pt-BR thousands);
 * "1.5" → 1500 (a lone dot not followed by three digits is a decimal point).
 * Null when it is not a positive quantity with at most three decimals.
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

/** 1500 → "1,5" for an input (no thousands dots). */
export function formatMilliForInput(milli: number): string {
  const whole = Math.trunc(milli / 1000);
  const frac = milli % 1000;
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(3, '0').replace(/0+$/, '')}`;
}

/** Thousandths → the JSON number the API takes as `quantity` (1500 → 1.5; a quantity, not money). */
export const milliToQuantity = (milli: number) => milli / 1000;

/**
 * A percentage typed in pt-BR → basis points: "10" → 1000, "12,5" → 1250,
 * "" → 0. Null when it is not between 0 and 100 with at most two decimals.
 */
export function parsePercentToBp(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0%]/g, '');
  if (cleaned === '') return 0;
  const match = /^(\d{1,3})(?:[,.](\d{0,2}))?$/.exec(cleaned);
  if (!match) return null;
  const bp = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/** 1250 → "12,5"; 0 → "" (an empty discount box). */
export function formatBpForInput(bp: number): string {
  if (bp === 0) return '';
  const whole = Math.trunc(bp / 100);
  const frac = bp % 100;
  return frac === 0 ? String(whole) : `${whole},${String(frac).padStart(2, '0').replace(/0+$/, '')}`;
}
