import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { OpportunityPage, StageKind } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const OPPORTUNITIES_PAGE_SIZE = 50;

/** Every opportunity query (boards and lists) starts with this. */
export const opportunitiesQueryKey = ['opportunities'] as const;

export type OpportunityFilters = {
  q?: string;
  pipeline_id?: string;
  stage_id?: string;
  customer_id?: string;
  owner_id?: string;
  status?: StageKind | '';
  /** Deals that came from this conversation (support ticket). */
  ticket_id?: string;
};

export const getOpportunities = ({
  filters,
  cursor,
  signal,
}: {
  filters: OpportunityFilters;
  cursor?: string | null;
  signal?: AbortSignal;
}) => api.get<OpportunityPage>('/opportunities', { query: { ...filters, limit: OPPORTUNITIES_PAGE_SIZE, cursor }, signal });

export const opportunitiesInfiniteQueryOptions = (filters: OpportunityFilters) =>
  infiniteQueryOptions({
    queryKey: [...opportunitiesQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => getOpportunities({ filters, cursor: pageParam, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useOpportunities = (filters: OpportunityFilters) => useInfiniteQuery(opportunitiesInfiniteQueryOptions(filters));

/** Whether the company has any deal, in any pipeline (one row asked): the setup guide's "Criar o primeiro funil". */
export const hasOpportunitiesQueryOptions = () =>
  queryOptions({
    queryKey: [...opportunitiesQueryKey, 'any'],
    queryFn: async ({ signal }) => (await api.get<OpportunityPage>('/opportunities', { query: { limit: 1 }, signal })).items.length > 0,
  });

export const useHasOpportunities = (enabled = true) => useQuery({ ...hasOpportunitiesQueryOptions(), enabled });
