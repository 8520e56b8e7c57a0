import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Proposal } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { proposalsQueryKey } from './get-proposals';

export const proposalQueryKey = (id: string) => [...proposalsQueryKey, 'detail', id] as const;

// The body's `version` goes back in If-Match when saving.
export const getProposal = (id: string, signal?: AbortSignal) => api.get<Proposal>(`/proposals/${id}`, { signal });

export const proposalQueryOptions = (id: string) =>
  queryOptions({ queryKey: proposalQueryKey(id), queryFn: ({ signal }) => getProposal(id, signal) });

export const useProposal = (id: string) => useQuery(proposalQueryOptions(id));
