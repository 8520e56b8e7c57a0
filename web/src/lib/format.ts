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

/** Megabytes, shown in GB from 1024 MB on. */
export function formatStorage(mb: number): string {
  if (mb >= 1024) {
    return `${new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 }).format(mb / 1024)} GB`;
  }
  return `${integer.format(mb)} MB`;
}
