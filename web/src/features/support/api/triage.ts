import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { TriageRule, TriageRuleInput } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { triageRulesQueryKey } from './query-keys';

/** In order: the first rule whose keyword appears in a new ticket wins. */
export const getTriageRules = (signal?: AbortSignal) => api.get<TriageRule[]>('/triage-rules', { signal });

export const triageRulesQueryOptions = () =>
  queryOptions({ queryKey: triageRulesQueryKey, queryFn: ({ signal }) => getTriageRules(signal) });

export const useTriageRules = () => useQuery(triageRulesQueryOptions());

/** Replaces the whole list, in this order. */
export const saveTriageRules = (input: TriageRuleInput[]) => api.put<TriageRule[]>('/triage-rules', input);

export function useSaveTriageRules() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveTriageRules, onSuccess: (saved) => queryClient.setQueryData(triageRulesQueryKey, saved) });
}
