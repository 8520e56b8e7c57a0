import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { RiskLevel, RiskPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersAtRiskQueryKey, topCustomersAtRiskQueryKey } from './query-keys';

export const RISK_PAGE_SIZE = 50;

/** Customers at `level` or above, highest score first, with how many there are in all (owners, admins, managers, sales, finance). */
export const getCustomersAtRisk = ({ level, cursor, signal }: { level: RiskLevel; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<RiskPage>('/insights/customers-at-risk', { query: { level, limit: RISK_PAGE_SIZE, cursor }, signal });

export const customersAtRiskInfiniteQueryOptions = (level: RiskLevel) =>
  infiniteQueryOptions({
    queryKey: customersAtRiskQueryKey(level),
    queryFn: ({ pageParam, signal }) => getCustomersAtRisk({ level, cursor: pageParam, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const useCustomersAtRisk = (level: RiskLevel) => useInfiniteQuery(customersAtRiskInfiniteQueryOptions(level));

/** The first `limit` customers at the server's default level (medium) or above, and how many there are in all. */
export const getTopCustomersAtRisk = (limit: number, signal?: AbortSignal) => api.get<RiskPage>('/insights/customers-at-risk', { query: { limit }, signal });

export const topCustomersAtRiskQueryOptions = (limit: number) =>
  queryOptions({ queryKey: topCustomersAtRiskQueryKey(limit), queryFn: ({ signal }) => getTopCustomersAtRisk(limit, signal), staleTime: 60_000 });

/** The dashboard's short list of customers at risk. */
export const useTopCustomersAtRisk = (limit = 5) => useQuery(topCustomersAtRiskQueryOptions(limit));
