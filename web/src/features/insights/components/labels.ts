import type { RiskLevel } from '@/lib/api/models';

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  low: 'Baixo',
  medium: 'Médio',
  high: 'Alto',
};

export const RISK_LEVEL_STYLES: Record<RiskLevel, string> = {
  low: 'bg-emerald-100 text-emerald-800',
  medium: 'bg-amber-100 text-amber-900',
  high: 'bg-red-100 text-red-800',
};

/** The list's filter: the lowest level listed ("low" lists every customer). */
export const RISK_FILTERS: { value: RiskLevel; label: string }[] = [
  { value: 'high', label: 'Alto' },
  { value: 'medium', label: 'Médio ou mais' },
  { value: 'low', label: 'Todos' },
];

export const RISK_LEVELS: RiskLevel[] = RISK_FILTERS.map((filter) => filter.value);

/** The server's default level for the list. */
export const DEFAULT_RISK_LEVEL: RiskLevel = 'medium';

/** The trends' periods, in days. */
export const TREND_PERIODS = [7, 30] as const;
