import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Ticket, TicketFilter } from '@/lib/api/models';
import type { DomainEvent } from '@/lib/realtime';

import type { MessagePages } from '../utils/messages';
import { makeMessage, makeTicket } from '../utils/test-fixtures';
import type { TicketPages } from '../utils/ticket-list';

import { ticketsListQueryKey } from './get-tickets';
import { supportRealtimeHandlers } from './live-updates';
import { messagesQueryKey, ticketBotQueryKey, ticketQueryKey, ticketSummaryQueryKey, ticketTriageQueryKey } from './query-keys';

const ME = 'u-me';

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const handlers = supportRealtimeHandlers(client, () => ME);
  const seedList = (filters: TicketFilter, tickets: Ticket[]) => {
    const key = ticketsListQueryKey(filters);
    client.setQueryData<TicketPages>(key, { pages: [{ items: tickets, next_cursor: null }], pageParams: [null] });
    return key;
  };
  const listIds = (key: readonly unknown[]) => client.getQueryData<TicketPages>(key)?.pages.flatMap((page) => page.items.map((ticket) => ticket.id));
  return { client, handlers, seedList, listIds };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('support live updates', () => {
  it('moves a ticket with a new customer message to the top, counts it unread and reopens it', () => {
    const { client, handlers, seedList, listIds } = setup();
    const key = seedList({ view: 'all' }, [makeTicket({ id: 'a' }), makeTicket({ id: 'b', status: 'waiting_customer', unread: 2 })]);
    client.setQueryData(ticketQueryKey('b'), makeTicket({ id: 'b', status: 'waiting_customer', unread: 2 }));

    handlers.MessageReceived?.({ ticket_id: 'b', message_id: 'm1', customer_id: 'c1', preview: 'oi', channel: 'whatsapp' });

    expect(listIds(key)).toEqual(['b', 'a']);
    const moved = client.getQueryData<TicketPages>(key)?.pages[0].items[0];
    expect(moved).toMatchObject({ unread: 3, status: 'open' });
    expect(client.getQueryData<Ticket>(ticketQueryKey('b'))).toMatchObject({ unread: 3, status: 'open' });
  });

  it('reads the summary again when the conversation changes, not for an internal note', () => {
    const { client, handlers } = setup();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const refetched = () => invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));

    handlers.NoteAdded?.({ ticket_id: 'a', message_id: 'n1' });
    expect(refetched()).not.toContain(JSON.stringify(ticketSummaryQueryKey('a')));
    handlers.MessageReceived?.({ ticket_id: 'a', message_id: 'm1', customer_id: 'c1', preview: 'oi', channel: 'whatsapp' });
    expect(refetched()).toContain(JSON.stringify(ticketSummaryQueryKey('a')));
    invalidate.mockClear();
    handlers.MessageQueued?.({ ticket_id: 'a', message_id: 'm2' });
    expect(refetched()).toContain(JSON.stringify(ticketSummaryQueryKey('a')));
  });

  it('reads the bot’s state again when it may have answered or handed over', () => {
    const { client, handlers } = setup();
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const refetched = () => invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    const bot = JSON.stringify(ticketBotQueryKey('a'));

    handlers.MessageQueued?.({ ticket_id: 'a', message_id: 'm2' });
    expect(refetched()).toContain(bot);
    invalidate.mockClear();
    // The handover note.
    handlers.NoteAdded?.({ ticket_id: 'a', message_id: 'n1' });
    expect(refetched()).toContain(bot);
    invalidate.mockClear();
    handlers.MessageReceived?.({ ticket_id: 'a', message_id: 'm3', customer_id: 'c1', preview: 'oi', channel: 'webchat' });
    expect(refetched()).toContain(bot);
  });

  it('takes a ticket assigned to someone else out of "Meus" and refetches only lists that may gain one', () => {
    const { client, handlers, seedList, listIds } = setup();
    const mine = seedList({ view: 'mine' }, [makeTicket({ id: 'a', assignee_id: ME })]);
    const unassigned = seedList({ view: 'unassigned' }, []);
    const resolved = seedList({ view: 'all', status: 'resolved' }, []);
    const invalidate = vi.spyOn(client, 'invalidateQueries');

    handlers.TicketAssigned?.({ ticket_id: 'a', number: 1001, assignee_id: 'someone' });
    expect(listIds(mine)).toEqual([]);

    invalidate.mockClear();
    handlers.TicketCreated?.({
      ticket_id: 'new',
      number: 1002,
      customer_id: 'c1',
      channel: 'webchat',
      category: null,
      team_id: null,
      assignee_id: null,
      priority: 'normal',
      timeline: { customer_id: 'c1', summary: 'Ticket #1002 aberto' },
    });
    const refetched = invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(refetched).toContain(JSON.stringify(unassigned));
    expect(refetched).not.toContain(JSON.stringify(mine));
    expect(refetched).not.toContain(JSON.stringify(resolved));
  });

  it('drops a resolved ticket from the open list and keeps it where any status shows', () => {
    const { handlers, seedList, listIds } = setup();
    const open = seedList({ view: 'all' }, [makeTicket({ id: 'a' })]);
    const any = seedList({ view: 'all', status: 'any' }, [makeTicket({ id: 'a' })]);
    handlers.TicketStatusChanged?.({ ticket_id: 'a', status: 'resolved' });
    expect(listIds(open)).toEqual([]);
    expect(listIds(any)).toEqual(['a']);
  });

  it('applies a triage: the first sets intent and tone, a later one only the tone; only lists filtered by them may gain the ticket', () => {
    const { client, handlers, seedList, listIds } = setup();
    const all = seedList({ view: 'all' }, [makeTicket({ id: 'a' })]);
    const negative = seedList({ view: 'all', sentiment: 'negative' }, []);
    const positive = seedList({ view: 'all', sentiment: 'positive' }, []);
    const cancelling = seedList({ view: 'all', intent: 'cancelar' }, []);
    const mine = seedList({ view: 'mine' }, []);
    client.setQueryData(ticketQueryKey('a'), makeTicket({ id: 'a' }));
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    const event: DomainEvent<'TicketTriaged'> = {
      ticket_id: 'a',
      number: 1001,
      message_id: 'm1',
      customer_id: 'c1',
      initial: true,
      category: null,
      intent: 'cancelar',
      intent_confidence: 0.8,
      priority: 'urgent',
      sentiment: 'very_negative',
      language: 'pt',
      cues: ['ameaça jurídica'],
      engine: 'starter_model',
      reason: 'Modelo inicial.',
    };

    handlers.TicketTriaged?.(event);
    expect(client.getQueryData<Ticket>(ticketQueryKey('a'))).toMatchObject({ intent: 'cancelar', sentiment: 'very_negative' });
    expect(client.getQueryData<TicketPages>(all)?.pages[0].items[0]).toMatchObject({ intent: 'cancelar', sentiment: 'very_negative' });
    const refetched = () => invalidate.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(refetched()).toContain(JSON.stringify(negative));
    expect(refetched()).toContain(JSON.stringify(cancelling));
    expect(refetched()).toContain(JSON.stringify(ticketTriageQueryKey('a')));
    expect(refetched()).not.toContain(JSON.stringify(positive));
    expect(refetched()).not.toContain(JSON.stringify(mine));

    // A later message: its own intent is not the ticket's.
    invalidate.mockClear();
    handlers.TicketTriaged?.({ ...event, message_id: 'm2', initial: false, intent: 'elogio', sentiment: 'positive' });
    expect(client.getQueryData<Ticket>(ticketQueryKey('a'))).toMatchObject({ intent: 'cancelar', sentiment: 'positive' });
    expect(refetched()).toContain(JSON.stringify(positive));
    expect(refetched()).not.toContain(JSON.stringify(cancelling));
    expect(listIds(all)).toEqual(['a']);
  });

  it('marks SLA warnings and breaches', () => {
    const { client, handlers, seedList } = setup();
    const key = seedList({}, [makeTicket({ id: 'a' })]);
    const sla = { ticket_id: 'a', number: 1001, target: 'first_response', due: '2026-12-07T12:00:00Z', assignee_id: null, team_id: null } as const;
    handlers.SlaWarningReached?.(sla);
    expect(client.getQueryData<TicketPages>(key)?.pages[0].items[0].sla_status).toBe('warning');
    handlers.SlaBreached?.(sla);
    handlers.SlaWarningReached?.(sla);
    expect(client.getQueryData<TicketPages>(key)?.pages[0].items[0].sla_status).toBe('breached');
  });

  it('patches delivery statuses forward only, and shows why a message failed', () => {
    const { client, handlers } = setup();
    client.setQueryData<MessagePages>(messagesQueryKey('t1'), {
      pages: [{ items: [makeMessage({ id: 'm1', direction: 'out', delivery_status: 'delivered' })], next_cursor: null }],
      pageParams: [null],
    });
    const status = () => client.getQueryData<MessagePages>(messagesQueryKey('t1'))?.pages[0].items[0];

    handlers.MessageStatusChanged?.({ ticket_id: 't1', message_id: 'm1', status: 'sent' });
    expect(status()?.delivery_status).toBe('delivered');
    handlers.MessageStatusChanged?.({ ticket_id: 't1', message_id: 'm1', status: 'read' });
    expect(status()?.delivery_status).toBe('read');
    handlers.MessageStatusChanged?.({ ticket_id: 't1', message_id: 'm1', status: 'failed', reason: 'Número sem WhatsApp' });
    expect(status()).toMatchObject({ delivery_status: 'failed', failure_reason: 'Número sem WhatsApp' });
  });

  it('fetches the newest messages of an open conversation when the customer writes', async () => {
    const { client, handlers } = setup();
    client.setQueryData<MessagePages>(messagesQueryKey('t1'), {
      pages: [{ items: [makeMessage({ id: 'm1' })], next_cursor: null }],
      pageParams: [null],
    });
    const fetchMock = vi.fn(
      async (_url: string) =>
        new Response(JSON.stringify({ items: [makeMessage({ id: 'm2', text: 'Ainda espero' }), makeMessage({ id: 'm1' })], next_cursor: null }), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const { useSession } = await import('@/lib/session');
    useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });

    handlers.MessageReceived?.({ ticket_id: 't1', message_id: 'm2', customer_id: 'c1', preview: 'Ainda espero', channel: 'email' });
    await vi.waitFor(() => expect(client.getQueryData<MessagePages>(messagesQueryKey('t1'))?.pages[0].items.map((m) => m.id)).toEqual(['m2', 'm1']));
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/tickets/t1/messages?limit=100');
    useSession.getState().clear();
  });
});
