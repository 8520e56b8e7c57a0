const moneyFormatters = new Map<string, Intl.NumberFormat>();

/** Integer cents → "R$ 1.299,90". Cents stay integers everywhere else. */
export function formatMoney(cents: number, currency = 'BRL'): string {
  let formatter = moneyFormatters.get(currency);
  if (!formatter) {
    formatter = new Intl.NumberFormat('pt-BR', { style: 'currency', currency });
    moneyFormatters.set(currency, formatter);
  }
  return formatter.format(cents / 100);
}

const dateTime = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short' });
const date = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short' });
const integer = new Intl.NumberFormat('pt-BR');

export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatDate = (iso: string) => date.format(new Date(iso));
export const formatNumber = (value: number) => integer.format(value);

/** "2026-03-01" → "01/03/2026": a calendar date (the API's `NaiveDate`), so no time zone shift. */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-');
  return day && month && year ? `${day}/${month}/${year}` : date;
}

/** Today in this browser's time zone as "AAAA-MM-DD" (the value of an <input type="date">). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** "AAAA-MM-DD" plus (or minus) whole days, as a calendar date. */
export function addDaysIso(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(year, month - 1, day + days));
  return utc.toISOString().slice(0, 10);
}

/** Megabytes, shown in GB from 1024 MB on. */
export function formatStorage(mb: number): string {
  if (mb >= 1024) {
    return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 }).format(mb / 1024)} GB`;
  }
  return `${integer.format(mb)} MB`;
}

/**
 * Whole numbers typed by people in pt-BR: "500.000", "500000", "1 000 000"
 * → the integer; null when the text is empty or not a whole number. A comma
 * is refused rather than read, since it would be a decimal mark here.
 */
export function parseInteger(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0]/g, '');
  if (!/^(\d{1,3}(\.\d{3})+|\d+)$/.test(cleaned)) return null;
  const value = Number(cleaned.replace(/\./g, ''));
  return Number.isSafeInteger(value) ? value : null;
}

const usdCents = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'USD' });
const usdFine = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });

/**
 * An estimate in US dollars (a float, as providers price tokens): "US$ 1,50";
 * below a dollar up to four decimals ("US$ 0,0012"), since a month of a few
 * triages costs fractions of a cent and "US$ 0,00" would hide it.
 */
export function formatUsd(value: number): string {
  return (Math.abs(value) < 1 ? usdFine : usdCents).format(value);
}

const monthYear = new Intl.DateTimeFormat('pt-BR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-11" → "novembro de 2026"; the text itself when it is not a month. */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return monthYear.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)));
}
