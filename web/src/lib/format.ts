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
