import { StatusPill } from '@/components/log-table';
import type { RiskLevel } from '@/lib/api/models';

import { RISK_LEVEL_LABELS, RISK_LEVEL_STYLES } from './labels';

/** "Baixo", "Médio" or "Alto" in green, amber or red. */
export function RiskLevelBadge({ level }: { level: RiskLevel }) {
  return <StatusPill className={RISK_LEVEL_STYLES[level]}>{RISK_LEVEL_LABELS[level]}</StatusPill>;
}
