import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { AiSettings, AiSettingsInput, AiUsage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { aiSettingsQueryKey, aiUsageQueryKey, supportQueryKey } from './query-keys';

/** The company's LLM for triage (owners and admins); the key comes back only as its last four characters. */
export const getAiSettings = (signal?: AbortSignal) => api.get<AiSettings>('/ai/settings', { signal });

export const aiSettingsQueryOptions = () =>
  queryOptions({ queryKey: aiSettingsQueryKey, queryFn: ({ signal }) => getAiSettings(signal) });

export const useAiSettings = () => useQuery(aiSettingsQueryOptions());

/**
 * Chooses the LLM or turns it off (`provider: null` also forgets the key).
 * `api_key` absent keeps the stored key, "" removes it.
 */
export const saveAiSettings = (input: AiSettingsInput) => api.put<AiSettings>('/ai/settings', input);

export function useSaveAiSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveAiSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(aiSettingsQueryKey, saved);
      // The usage report shows the token budget just saved.
      void queryClient.invalidateQueries({ queryKey: [...supportQueryKey, 'ai-usage'] });
    },
  });
}

/** LLM calls of a month (`YYYY-MM`, UTC) by feature, model and outcome, with the plan's triage limit and the token budget. */
export const getAiUsage = (month: string, signal?: AbortSignal) => api.get<AiUsage>('/ai/usage', { query: { month }, signal });

export const aiUsageQueryOptions = (month: string) =>
  queryOptions({ queryKey: aiUsageQueryKey(month), queryFn: ({ signal }) => getAiUsage(month, signal) });

// Switching months keeps the last report on screen until the next one arrives.
export const useAiUsage = (month: string) => useQuery({ ...aiUsageQueryOptions(month), placeholderData: keepPreviousData });
