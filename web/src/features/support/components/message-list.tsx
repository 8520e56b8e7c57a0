import { useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner, Spinner } from '@/components/ui/spinner';
import { useAllUsers } from '@/lib/api/users';
import { problemMessage } from '@/lib/problem';

import { refreshNewestMessages, useMessages } from '../api/messages';
import { conversationRows, estimateRowHeight } from '../utils/conversation-rows';
import { orderedMessages } from '../utils/messages';
import { formatDay } from '../utils/time';

import { MessageBubble } from './message-bubble';

export type MessageListHandle = { scrollToEnd: () => void };

/** The "load older / start of the conversation" line above the first row (px). */
const HEADER_HEIGHT = 40;

/** Rows before the first visible one at which older messages start loading. */
const LOAD_OLDER_AT = 5;

/**
 * The whole conversation, oldest → newest, virtualised: only the rows on
 * screen are in the page, so a ticket with 10,000 messages scrolls like one
 * with ten. It opens at the newest message; scrolling up loads older pages
 * (the message on screen stays put), and new messages are followed only when
 * the agent is already at the bottom.
 */
export function MessageList({ ticketId, ref }: { ticketId: string; ref?: Ref<MessageListHandle> }) {
  const queryClient = useQueryClient();
  const messages = useMessages(ticketId);

  // A conversation still cached from an earlier visit catches up with what
  // arrived meanwhile (events missed while the socket was down).
  useEffect(() => {
    void refreshNewestMessages(queryClient, ticketId);
  }, [queryClient, ticketId]);
  const users = useAllUsers();
  const names = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
  const rows = useMemo(() => conversationRows(orderedMessages(messages.data)), [messages.data]);
  const scrollRef = useRef<HTMLDivElement>(null);

  // TanStack Virtual keeps its own mutable state; the compiler must not memoise around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateRowHeight(rows[index]),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    paddingStart: HEADER_HEIGHT,
    paddingEnd: 8,
    anchorTo: 'end',
    followOnAppend: true,
    scrollEndThreshold: 80,
  });

  useImperativeHandle(ref, () => ({ scrollToEnd: () => virtualizer.scrollToEnd() }), [virtualizer]);

  // Open at the newest message, once the first page is there.
  const loaded = messages.isSuccess;
  useEffect(() => {
    if (loaded) virtualizer.scrollToEnd();
  }, [loaded, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = messages;
  useEffect(() => {
    if (firstIndex !== undefined && firstIndex < LOAD_OLDER_AT && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [firstIndex, hasNextPage, isFetchingNextPage, fetchNextPage]);

  if (messages.isPending) return <PageSpinner label="Carregando a conversa…" />;
  if (messages.isError) {
    return (
      <div className="p-4">
        <Alert title="Não foi possível carregar a conversa">{problemMessage(messages.error)}</Alert>
        <Button className="mt-3" variant="secondary" size="sm" onClick={() => messages.refetch()}>
          Tentar de novo
        </Button>
      </div>
    );
  }

  return (
    <div
      ref={scrollRef}
      role="log"
      aria-label="Conversa"
      tabIndex={0}
      className="min-h-0 flex-1 overflow-y-auto overscroll-contain bg-slate-50 outline-none"
    >
      <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
        <div
          className="absolute top-0 left-0 flex w-full items-center justify-center text-xs text-slate-500"
          style={{ height: HEADER_HEIGHT }}
        >
          {isFetchingNextPage ? (
            <Spinner size="sm" label="Carregando mensagens anteriores…" />
          ) : hasNextPage ? (
            <button type="button" className="font-medium text-indigo-800 hover:underline" onClick={() => void fetchNextPage()}>
              Carregar mensagens anteriores
            </button>
          ) : rows.length > 0 ? (
            'Início da conversa'
          ) : (
            'Nenhuma mensagem ainda.'
          )}
        </div>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="absolute top-0 left-0 w-full"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {row.day && (
                <div className="flex justify-center py-2">
                  <span className="rounded-full bg-white px-3 py-0.5 text-xs font-medium text-slate-600 ring-1 ring-slate-200">
                    {formatDay(row.day)}
                  </span>
                </div>
              )}
              <MessageBubble message={row.message} names={names} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
