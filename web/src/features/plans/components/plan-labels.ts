import type { PlanLimits, PlanUsage } from '@/lib/api/models';
import { formatNumber, formatStorage } from '@/lib/format';

type LimitKey = keyof PlanLimits;

/** What each limit is called and how it is counted, in the order shown. */
export const LIMITS: Array<{ key: LimitKey; usage: keyof PlanUsage; label: string; format: (value: number) => string }> = [
  { key: 'users', usage: 'users', label: 'Usuários', format: formatNumber },
  { key: 'channels', usage: 'channels', label: 'Canais de atendimento', format: formatNumber },
  { key: 'storage_mb', usage: 'storage_mb', label: 'Armazenamento', format: formatStorage },
  { key: 'ai_triages_per_month', usage: 'ai_triages_this_month', label: 'Triagens por IA no mês', format: formatNumber },
  { key: 'active_flows', usage: 'active_flows', label: 'Fluxos de automação ativos', format: formatNumber },
  { key: 'automation_runs_per_month', usage: 'automation_runs_this_month', label: 'Execuções de automação no mês', format: formatNumber },
];

export function describeLimit(value: number | null, format: (value: number) => string) {
  return value === null ? 'Ilimitado' : format(value);
}

/**
 * The plan catalogue names features by code; these are their names for
 * people. Only what the app has is listed: the catalogue's `api` (there are
 * no API keys for other systems yet: outgoing webhooks only) and
 * `priority_support` (a service promise with nothing in the app behind it)
 * are left out, and so is any code not named here.
 */
const FEATURE_LABELS: Record<string, string> = {
  inbox: 'Caixa de entrada omnichannel',
  crm: 'CRM e funil de vendas',
  invoices: 'Faturas e cobranças',
  subscriptions: 'Assinaturas recorrentes',
  automation: 'Fluxos de automação',
  ai_triage: 'Triagem por IA',
  sla: 'SLA de atendimento',
};

/** The names of a plan's features that exist in the app, in the catalogue's order. */
export const builtFeatureLabels = (codes: readonly string[]): string[] =>
  codes.flatMap((code) => (FEATURE_LABELS[code] ? [FEATURE_LABELS[code]] : []));
