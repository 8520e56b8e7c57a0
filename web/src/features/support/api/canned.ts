import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { CannedResponse, RenderedCanned, SaveCannedRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { cannedQueryKey } from './query-keys';

/** Shortcut or title containing `q` (all, up to 200, without it), by shortcut. */
export const getCannedResponses = (q = '', signal?: AbortSignal) =>
  api.get<CannedResponse[]>('/canned-responses', { query: { q: q.trim() || undefined }, signal });

export const cannedQueryOptions = (q = '') =>
  queryOptions({
    queryKey: [...cannedQueryKey, { q: q.trim() }],
    queryFn: ({ signal }) => getCannedResponses(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

export const useCannedResponses = (q = '', enabled = true) => useQuery({ ...cannedQueryOptions(q), enabled });

/** The canned response with this ticket's variables filled in (customer, agent, number). */
export const renderCanned = ({ ticketId, cannedId }: { ticketId: string; cannedId: string }, signal?: AbortSignal) =>
  api.get<RenderedCanned>(`/tickets/${ticketId}/canned/${cannedId}`, { signal });

/**
 * The filled text as the server makes it: the composer's preview reads it
 * and inserting takes the same cached answer, so what is shown is what goes in.
 */
export const renderedCannedQueryOptions = (ticketId: string, cannedId: string) =>
  queryOptions({
    queryKey: [...cannedQueryKey, 'rendered', ticketId, cannedId],
    queryFn: ({ signal }) => renderCanned({ ticketId, cannedId }, signal),
    staleTime: 30_000,
  });

export const createCanned = (input: SaveCannedRequest) => api.post<CannedResponse>('/canned-responses', input);
export const updateCanned = ({ id, input }: { id: string; input: SaveCannedRequest }) =>
  api.patch<CannedResponse>(`/canned-responses/${id}`, input);
export const deleteCanned = (id: string) => api.delete(`/canned-responses/${id}`);

function useCannedChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: cannedQueryKey });
}

export function useCreateCanned() {
  const changed = useCannedChanged();
  return useMutation({ mutationFn: createCanned, onSuccess: changed });
}

export function useUpdateCanned() {
  const changed = useCannedChanged();
  return useMutation({ mutationFn: updateCanned, onSuccess: changed });
}

export function useDeleteCanned() {
  const changed = useCannedChanged();
  return useMutation({ mutationFn: deleteCanned, onSuccess: changed });
}
