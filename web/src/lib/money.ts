// Money typed by people in pt-BR ("R$ 1.234,56", "1234,5", "1.234") ↔
// integer cents. Only string and integer arithmetic: no floats ever reach a
// payload.

const MAX_CENTS = Number.MAX_SAFE_INTEGER;

/** "R$ 1.234,56" → 123456; null when the text is not an amount (or is empty). */
export function parseMoneyToCents(text: string): number | null {
  const cleaned = text.replace(/R\$/gi, '').replace(/[\s\u00a0]/g, '');
  if (cleaned === '') return null;
  const negative = cleaned.startsWith('-');
  const body = negative ? cleaned.slice(1) : cleaned;
  // Reais with optional thousands dots, then an optional comma and up to two decimals.
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{0,2}))?$/.exec(body);
  if (!match) return null;
  const reais = match[1].replace(/\./g, '');
  const decimals = (match[2] ?? '').padEnd(2, '0');
  const digits = `${reais}${decimals}`.replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return null;
  const cents = Number(digits);
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS) return null;
  return negative ? -cents : cents;
}

/** 123456 → "1.234,56" (no currency sign: for an input that shows "R$" beside it). */
export function formatCentsForInput(cents: number): string {
  const negative = cents < 0;
  const digits = String(Math.abs(Math.trunc(cents))).padStart(3, '0');
  const reais = digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${reais},${digits.slice(-2)}`;
}
