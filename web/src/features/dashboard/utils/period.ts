import type { DashboardPeriod, DashboardQuery } from '@/lib/api/models';

// The dashboard's period lives in the URL ("?periodo=7d", or
// "?periodo=custom&de=2026-11-01&ate=2026-11-30"), so a reload or a shared
// link shows the same numbers. Without it: the last 30 days, like the API.

export const PERIOD_PARAMS = ['periodo', 'de', 'ate'] as const;
export type PeriodParams = Record<(typeof PERIOD_PARAMS)[number], string>;

export const PERIODS: { value: DashboardPeriod; label: string }[] = [
  { value: 'today', label: 'Hoje' },
  { value: '7d', label: '7 dias' },
  { value: '30d', label: '30 dias' },
  { value: 'month', label: 'Este mês' },
  { value: 'quarter', label: 'Trimestre' },
  { value: 'custom', label: 'Personalizado' },
];

export const DEFAULT_PERIOD: DashboardPeriod = '30d';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The longest custom period the server accepts, in days (both ends included). */
export const MAX_CUSTOM_DAYS = 366;

const dayNumber = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year, month - 1, day) / 86_400_000;
};

const isDate = (value: string) => ISO_DATE.test(value) && !Number.isNaN(dayNumber(value));

export type PeriodChoice = {
  period: DashboardPeriod;
  from: string;
  to: string;
  /** The request to make, or null while a custom period is incomplete or invalid. */
  query: DashboardQuery | null;
  /** Why a custom period cannot be asked yet. */
  problem: string | null;
};

/** The period the URL asks for; an unknown one is the default. */
export function readPeriod(params: PeriodParams): PeriodChoice {
  const period = PERIODS.find((p) => p.value === params.periodo)?.value ?? DEFAULT_PERIOD;
  if (period !== 'custom') return { period, from: '', to: '', query: { period }, problem: null };
  const from = isDate(params.de) ? params.de : '';
  const to = isDate(params.ate) ? params.ate : '';
  let problem: string | null = null;
  if (!from || !to) problem = 'Escolha as datas inicial e final do período.';
  else if (to < from) problem = 'A data final deve ser igual ou posterior à inicial.';
  else if (dayNumber(to) - dayNumber(from) >= MAX_CUSTOM_DAYS) problem = 'Escolha um período de até 366 dias.';
  return { period, from, to, query: problem ? null : { period, from, to }, problem };
}

/** A period's name for a file or a sentence: "30d", "2026-11-01_2026-11-30". */
export function periodSlug(query: DashboardQuery): string {
  return query.period === 'custom' && query.from && query.to ? `${query.from}_${query.to}` : query.period;
}
