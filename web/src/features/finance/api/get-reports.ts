import { queryOptions, useQuery } from '@tanstack/react-query';

import type { FinanceSummary, FinancePeriod, Receivables } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { reportsQueryKey } from './query-keys';

/** What is to be received: due soon, overdue by age, received this month, waiting for review. */
export const getReceivables = (signal?: AbortSignal) => api.get<Receivables>('/finance/receivables', { signal });

export const receivablesQueryOptions = () =>
  queryOptions({ queryKey: [...reportsQueryKey, 'receivables'], queryFn: ({ signal }) => getReceivables(signal) });

export const useReceivables = () => useQuery(receivablesQueryOptions());

/** MRR, ARR, churn and cash by month (default: the last twelve months). */
export const getFinanceSummary = (period: FinancePeriod, signal?: AbortSignal) =>
  api.get<FinanceSummary>('/finance/summary', { query: period, signal });

export const financeSummaryQueryOptions = (period: FinancePeriod = {}) =>
  queryOptions({ queryKey: [...reportsQueryKey, 'summary', period], queryFn: ({ signal }) => getFinanceSummary(period, signal) });

export const useFinanceSummary = (period?: FinancePeriod) => useQuery(financeSummaryQueryOptions(period));
