import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { isApiError, problemMessage } from '@/lib/problem';

import { useMarkTicketRead, useTicket } from '../api/ticket';
import { useTicketRoom } from '../hooks/use-ticket-room';

import { ActivityList } from './activity-list';
import { Composer, type ComposerHandle } from './composer';
import { CustomerPanel } from './customer-panel';
import { Icon } from './icons';
import { MessageList, type MessageListHandle } from './message-list';
import type { RenderTicketExtras } from './ticket-extras-slot';
import { TicketHeader, type TicketHeaderHandle } from './ticket-header';

/** What the inbox's keyboard shortcuts ask of the open ticket. */
export type WorkspaceHandle = { focusReply: () => void; toggleNote: () => void; resolve: () => void };

function names(list: { name: string }[]): string {
  const unique = [...new Set(list.map((item) => item.name))];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} e ${unique[unique.length - 1]}`;
}

/**
 * One ticket: header and actions, the conversation (or its activities),
 * the composer, and the customer on the side (a toggle on narrower screens).
 * Mounted per ticket (keyed by id), so its room, drafts and scroll start fresh.
 */
export function TicketWorkspace({
  ticketId,
  backHref,
  renderExtras,
  ref,
}: {
  ticketId: string;
  backHref: string;
  renderExtras?: RenderTicketExtras;
  ref?: Ref<WorkspaceHandle>;
}) {
  const ticket = useTicket(ticketId);
  const room = useTicketRoom(ticketId);
  const markRead = useMarkTicketRead();
  const [tab, setTab] = useState<'conversation' | 'activities'>('conversation');
  const [customerOpen, setCustomerOpen] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const header = useRef<TicketHeaderHandle>(null);
  const list = useRef<MessageListHandle>(null);

  useImperativeHandle(ref, () => ({
    focusReply: () => {
      setTab('conversation');
      setCustomerOpen(false);
      requestAnimationFrame(() => composer.current?.focus());
    },
    toggleNote: () => {
      setTab('conversation');
      requestAnimationFrame(() => composer.current?.toggleNote());
    },
    resolve: () => header.current?.resolve(),
  }));

  // Opening the ticket (and any customer message arriving while it is open) reads it.
  const unread = ticket.data?.unread ?? 0;
  const { mutate: read } = markRead;
  useEffect(() => {
    if (unread > 0 && document.visibilityState === 'visible') read(ticketId);
  }, [unread, ticketId, read]);

  if (ticket.isPending) return <PageSpinner label="Carregando o ticket…" />;
  if (ticket.isError) {
    const missing = isApiError(ticket.error) && ticket.error.status === 404;
    return (
      <div className="p-6">
        <Alert title={missing ? 'Ticket não encontrado' : 'Não foi possível carregar o ticket'}>
          {problemMessage(ticket.error, { 404: 'Ele pode ter sido mesclado em outro ou não ser da sua empresa.' })}
        </Alert>
        <Button className="mt-3" variant="secondary" size="sm" onClick={() => ticket.refetch()}>
          Tentar de novo
        </Button>
      </div>
    );
  }
  const t = ticket.data;

  return (
    <div className="flex h-full min-h-0">
      <section aria-label={`Ticket #${t.number}`} className={cn('flex min-w-0 flex-1 flex-col', customerOpen && 'hidden xl:flex')}>
        <TicketHeader ref={header} ticket={t} backHref={backHref} customerOpen={customerOpen} onToggleCustomer={() => setCustomerOpen((open) => !open)} />
        {room.viewers.length > 0 && (
          <p role="status" className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900">
            <Icon name="eye" className="mr-1 size-3.5 align-text-bottom" />
            {names(room.viewers)} também {room.viewers.length === 1 ? 'está' : 'estão'} vendo este ticket.
          </p>
        )}
        <div role="tablist" aria-label="Ticket" className="flex gap-1 border-b border-slate-200 bg-white px-4">
          {[
            { value: 'conversation' as const, label: 'Conversa' },
            { value: 'activities' as const, label: 'Atividades' },
          ].map((item) => (
            <button
              key={item.value}
              type="button"
              role="tab"
              id={`tab-${item.value}-${t.id}`}
              aria-selected={tab === item.value}
              aria-controls={`panel-${item.value}-${t.id}`}
              onClick={() => setTab(item.value)}
              className={cn(
                'h-9 border-b-2 px-3 text-sm font-medium',
                tab === item.value ? 'border-indigo-700 text-indigo-800' : 'border-transparent text-slate-600 hover:text-slate-900',
              )}
            >
              {item.label}
            </button>
          ))}
        </div>
        {tab === 'conversation' ? (
          <div id={`panel-conversation-${t.id}`} role="tabpanel" aria-labelledby={`tab-conversation-${t.id}`} className="flex min-h-0 flex-1 flex-col">
            <MessageList ref={list} ticketId={t.id} />
            <p aria-live="polite" className="h-5 bg-slate-50 px-4 text-xs text-slate-500 italic">
              {room.typers.length > 0 && `${names(room.typers)} está digitando…`}
            </p>
            <Composer ref={composer} ticket={t} onTyping={room.sendTyping} onSent={() => list.current?.scrollToEnd()} />
          </div>
        ) : (
          <div id={`panel-activities-${t.id}`} role="tabpanel" aria-labelledby={`tab-activities-${t.id}`} className="min-h-0 flex-1 overflow-y-auto bg-white">
            <ActivityList ticketId={t.id} />
          </div>
        )}
      </section>
      <div className={cn('w-full shrink-0 flex-col border-l border-slate-200 xl:flex xl:w-80', customerOpen ? 'flex' : 'hidden')}>
        <div className="border-b border-slate-200 bg-white px-4 py-2 xl:hidden">
          <Button size="sm" variant="secondary" onClick={() => setCustomerOpen(false)}>
            ← Conversa
          </Button>
        </div>
        <div className="min-h-0 flex-1">
          <CustomerPanel ticket={t} extras={renderExtras?.(t)} />
        </div>
      </div>
    </div>
  );
}
