import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { SlaPolicy } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { slaPoliciesQueryKey } from './query-keys';

/** One policy per priority (the defaults until the company sets its own), in business minutes. */
export const getSlaPolicies = (signal?: AbortSignal) => api.get<SlaPolicy[]>('/sla-policies', { signal });

export const slaPoliciesQueryOptions = () =>
  queryOptions({ queryKey: slaPoliciesQueryKey, queryFn: ({ signal }) => getSlaPolicies(signal) });

export const useSlaPolicies = () => useQuery(slaPoliciesQueryOptions());

/** Replaces the targets of the priorities given; new tickets use them. */
export const saveSlaPolicies = (input: SlaPolicy[]) => api.put<SlaPolicy[]>('/sla-policies', input);

export function useSaveSlaPolicies() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveSlaPolicies, onSuccess: (saved) => queryClient.setQueryData(slaPoliciesQueryKey, saved) });
}
