import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ReplySuggestions, TicketTriage, TriageAccuracy, Triaged, TriagePreviewRequest, TriageRule, TriageRuleInput } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { replySuggestionsQueryKey, ticketTriageQueryKey, triageAccuracyQueryKey, triageRulesQueryKey } from './query-keys';

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

/** Every triage of the ticket's customer messages, newest first; empty for a ticket an agent opened. */
export const getTicketTriage = (ticketId: string, signal?: AbortSignal) => api.get<TicketTriage[]>(`/tickets/${ticketId}/triage`, { signal });

export const ticketTriageQueryOptions = (ticketId: string) =>
  queryOptions({ queryKey: ticketTriageQueryKey(ticketId), queryFn: ({ signal }) => getTicketTriage(ticketId, signal) });

export const useTicketTriage = (ticketId: string) => useQuery(ticketTriageQueryOptions(ticketId));

/** What triage would say about a message now (the company's rules and model); nothing is stored. */
export const previewTriage = (input: TriagePreviewRequest) => api.post<Triaged>('/ai/triage/preview', input);

export const usePreviewTriage = () => useMutation({ mutationFn: previewTriage });

/** Tickets opened in the last `days` whose first triage no agent corrected (owners, admins, managers). */
export const getTriageAccuracy = (days: number, signal?: AbortSignal) =>
  api.get<TriageAccuracy>('/ai/triage/accuracy', { query: { days }, signal });

export const triageAccuracyQueryOptions = (days: number) =>
  queryOptions({ queryKey: triageAccuracyQueryKey(days), queryFn: ({ signal }) => getTriageAccuracy(days, signal) });

export const useTriageAccuracy = (days: number, enabled = true) => useQuery({ ...triageAccuracyQueryOptions(days), enabled });

/** Canned responses and past answers most like the customer's latest message (offline; nothing is sent). */
export const getReplySuggestions = (ticketId: string, signal?: AbortSignal) =>
  api.get<ReplySuggestions>(`/tickets/${ticketId}/suggestions`, { signal });

export const useReplySuggestions = (ticketId: string, enabled: boolean) =>
  useQuery({ queryKey: replySuggestionsQueryKey(ticketId), queryFn: ({ signal }) => getReplySuggestions(ticketId, signal), enabled });
