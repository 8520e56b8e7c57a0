import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { LlmSummary, ReplyDraft, TicketSummary } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { ticketSummaryQueryKey } from './query-keys';

/**
 * The conversation in a few lines: always the offline one (the customer's
 * own sentences), the LLM's last one when an agent asked for it, and
 * whether the company has an LLM to ask.
 */
export const getTicketSummary = (ticketId: string, signal?: AbortSignal) => api.get<TicketSummary>(`/tickets/${ticketId}/summary`, { signal });

export const ticketSummaryQueryOptions = (ticketId: string) =>
  queryOptions({ queryKey: ticketSummaryQueryKey(ticketId), queryFn: ({ signal }) => getTicketSummary(ticketId, signal) });

export const useTicketSummary = (ticketId: string) => useQuery(ticketSummaryQueryOptions(ticketId));

/** Asks the company's LLM for a summary now (409 without an LLM or budget, 502 when it fails); it is kept for the next agent. */
export const summariseWithLlm = (ticketId: string) => api.post<LlmSummary>(`/tickets/${ticketId}/summary`);

export function useSummariseWithLlm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: summariseWithLlm,
    onSuccess: (llm, ticketId) => {
      queryClient.setQueryData<TicketSummary>(ticketSummaryQueryKey(ticketId), (summary) => (summary ? { ...summary, llm } : summary));
      void queryClient.invalidateQueries({ queryKey: ticketSummaryQueryKey(ticketId) });
    },
  });
}

/** A reply drafted by the company's LLM from the conversation, canned responses, invoices and proposals; nothing is sent. */
export const draftReply = (ticketId: string) => api.post<ReplyDraft>(`/tickets/${ticketId}/suggestions/draft`);

export const useDraftReply = () => useMutation({ mutationFn: draftReply });
