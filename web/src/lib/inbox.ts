import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import type { InboxPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

/**
 * The webhook inbox: what providers sent to a support channel or a payment
 * gateway, one log per source (`channel:<id>`, `gateway:<id>`), and the
 * replay of an event. Shared by the channel and the gateway settings.
 */
export const INBOX_PAGE_SIZE = 20;

export const inboxQueryKey = (source: string) => ['inbox', source] as const;

/** A source's log, newest first. */
export const getInbox = ({ source, cursor, signal }: { source: string; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<InboxPage>('/inbox', { query: { source, limit: INBOX_PAGE_SIZE, cursor }, signal });

export const inboxInfiniteQueryOptions = (source: string) =>
  infiniteQueryOptions({
    queryKey: inboxQueryKey(source),
    queryFn: ({ pageParam, signal }) => getInbox({ source, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

export const useInbox = (source: string) => useInfiniteQuery(inboxInfiniteQueryOptions(source));

/** Processes a stored event again (202); 409 when already processed, or unreadable where the provider must send it again. */
export const replayInboxEvent = (id: string) => api.post<void>(`/inbox/${id}/replay`);

export function useReplayInboxEvent(source: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayInboxEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxQueryKey(source) }),
  });
}
