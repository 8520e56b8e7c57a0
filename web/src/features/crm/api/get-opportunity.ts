import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Opportunity } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { opportunitiesQueryKey } from './get-opportunities';

export const opportunityQueryKey = (id: string) => [...opportunitiesQueryKey, 'detail', id] as const;

export const getOpportunity = (id: string, signal?: AbortSignal) => api.get<Opportunity>(`/opportunities/${id}`, { signal });

export const opportunityQueryOptions = (id: string) =>
  queryOptions({ queryKey: opportunityQueryKey(id), queryFn: ({ signal }) => getOpportunity(id, signal) });

export const useOpportunity = (id: string) => useQuery(opportunityQueryOptions(id));
