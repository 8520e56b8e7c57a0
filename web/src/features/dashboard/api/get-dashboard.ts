import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { AgentBoard, DashboardQuery, FinanceDashboard, SalesDashboard, SupportDashboard } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { dashboardPeriodQueryKey, type DashboardSection } from './query-keys';

type Sections = { support: SupportDashboard; sales: SalesDashboard; finance: FinanceDashboard; agents: AgentBoard };

/** `GET /dashboard/{section}`: the period's numbers against the period before, as the caller's role may see them. */
export const getDashboardSection = <S extends DashboardSection>(section: S, query: DashboardQuery, signal?: AbortSignal) =>
  api.get<Sections[S]>(`/dashboard/${section}`, { query, signal });

// A period that cannot be asked yet (a custom one without both dates) keeps
// the query off; switching periods keeps the last numbers on screen until
// the next ones arrive. Live updates refetch (live-updates.ts); otherwise a
// number is fresh for a minute.
export const dashboardQueryOptions = <S extends DashboardSection>(section: S, query: DashboardQuery | null) =>
  queryOptions({
    queryKey: dashboardPeriodQueryKey(section, query ?? { period: 'custom' }),
    queryFn: ({ signal }) => getDashboardSection(section, query as DashboardQuery, signal),
    enabled: query !== null,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

/** "Atendimento" (owners, admins, managers; an agent gets their own tickets'). */
export const useSupportDashboard = (query: DashboardQuery | null) => useQuery(dashboardQueryOptions('support', query));
/** "Vendas" (owners, admins, managers; a salesperson gets their own deals'). */
export const useSalesDashboard = (query: DashboardQuery | null) => useQuery(dashboardQueryOptions('sales', query));
/** "Financeiro" (owners, admins, managers, finance). */
export const useFinanceDashboard = (query: DashboardQuery | null) => useQuery(dashboardQueryOptions('finance', query));
/** The agents' leaderboard (owners, admins, managers). */
export const useAgentBoard = (query: DashboardQuery | null) => useQuery(dashboardQueryOptions('agents', query));
