import type { RiskLevel } from '@/lib/api/models';

// Every insights query starts with `insightsQueryKey`: they are read from
// the support, CRM and finance data and kept for a minute (api/*.ts).
export const insightsQueryKey = ['insights'] as const;
/** One customer's risk of leaving, for their page. */
export const customerRiskQueryKey = (customerId: string) => [...insightsQueryKey, 'customer-risk', customerId] as const;
/** The customers at `level` or above, highest score first. */
export const customersAtRiskQueryKey = (level: RiskLevel) => [...insightsQueryKey, 'customers-at-risk', level] as const;
/** Tickets by category in the last `days`, against the period before. */
export const topicTrendsQueryKey = (days: number) => [...insightsQueryKey, 'topics', days] as const;
/** The `limit` customers most at risk (medium or above), for the dashboard. */
export const topCustomersAtRiskQueryKey = (limit: number) => [...insightsQueryKey, 'customers-at-risk-top', limit] as const;
