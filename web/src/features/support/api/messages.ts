import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { Message, MessagePage, ReplyRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useMe } from '@/lib/auth';

import { addMessage, mergeNewestPage, patchMessage, type MessagePages } from '../utils/messages';

import { activitiesQueryKey, messagesQueryKey, ticketBotQueryKey, ticketSummaryQueryKey } from './query-keys';
import { updateTicketLists } from './ticket-cache';

export const MESSAGES_PAGE_SIZE = 100;

/** Newest first; `cursor` reads older messages. */
export const getMessages = ({ ticketId, cursor, signal }: { ticketId: string; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<MessagePage>(`/tickets/${ticketId}/messages`, { query: { limit: MESSAGES_PAGE_SIZE, cursor }, signal });

export const messagesInfiniteQueryOptions = (ticketId: string) =>
  infiniteQueryOptions({
    queryKey: messagesQueryKey(ticketId),
    queryFn: ({ pageParam, signal }) => getMessages({ ticketId, cursor: pageParam, signal }),
    ...cursorPagination,
    // Kept fresh by the live events (new messages, delivery statuses): a
    // refetch would read every loaded page again, thousands of messages for
    // a long conversation.
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });

export const useMessages = (ticketId: string) => useInfiniteQuery(messagesInfiniteQueryOptions(ticketId));

/**
 * Reads the newest page and merges it into the cached conversation (new
 * messages in front, known ones updated). Starts over when more arrived than
 * a page holds. Nothing to do when the conversation is not cached.
 */
export async function refreshNewestMessages(queryClient: QueryClient, ticketId: string) {
  const key = messagesQueryKey(ticketId);
  if (!queryClient.getQueryData<MessagePages>(key)) return;
  let newest: MessagePage;
  try {
    newest = await getMessages({ ticketId });
  } catch {
    return; // the next event or opening the ticket again tries again
  }
  const current = queryClient.getQueryData<MessagePages>(key);
  if (!current) return;
  const merged = mergeNewestPage(current, newest);
  if (merged) queryClient.setQueryData(key, merged);
  else queryClient.setQueryData<MessagePages>(key, { pages: [newest], pageParams: [null] });
}

export function patchCachedMessage(queryClient: QueryClient, ticketId: string, messageId: string, change: (message: Message) => Message) {
  queryClient.setQueryData<MessagePages>(messagesQueryKey(ticketId), (data) => (data ? patchMessage(data, messageId, change) : data));
}

/**
 * A reply (queued, or scheduled with `send_at`), a WhatsApp template or an
 * internal note. The `Idempotency-Key` makes a retry of the same submission
 * send nothing twice.
 */
export const postMessage = ({ ticketId, input, idempotencyKey }: { ticketId: string; input: ReplyRequest; idempotencyKey: string }) =>
  api.post<Message>(`/tickets/${ticketId}/messages`, input, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Sends a failed message again. */
export const retryMessage = ({ ticketId, messageId }: { ticketId: string; messageId: string }) =>
  api.post<Message>(`/tickets/${ticketId}/messages/${messageId}/retry`);

/**
 * Puts a message this agent just sent (a reply, a retry, a proposal sent
 * into the chat by the CRM's block) into the conversation and the lists.
 */
export function useMessageStored() {
  const queryClient = useQueryClient();
  const { user } = useMe();
  return (message: Message) => {
    queryClient.setQueryData<MessagePages>(messagesQueryKey(message.ticket_id), (data) =>
      data ? addMessage(data, message) : { pages: [{ items: [message], next_cursor: null }], pageParams: [null] },
    );
    if (message.direction !== 'note') {
      updateTicketLists(queryClient, message.ticket_id, (ticket) => ({ ...ticket, unread: 0, last_message_at: message.created_at }), {
        meId: user.id,
        moveToTop: true,
      });
      void queryClient.invalidateQueries({ queryKey: ticketSummaryQueryKey(message.ticket_id) });
    }
    // The bot's state follows the conversation (a person's reply silences it from the customer's next message).
    void queryClient.invalidateQueries({ queryKey: ticketBotQueryKey(message.ticket_id) });
    void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(message.ticket_id) });
  };
}

export function usePostMessage() {
  const stored = useMessageStored();
  return useMutation({ mutationFn: postMessage, onSuccess: stored });
}

export function useRetryMessage() {
  const stored = useMessageStored();
  return useMutation({ mutationFn: retryMessage, onSuccess: stored });
}
