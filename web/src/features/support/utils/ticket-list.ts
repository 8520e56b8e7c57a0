import type { InfiniteData } from '@tanstack/react-query';

import type { Intent, Sentiment, Ticket, TicketFilter, TicketPage, TicketStatus } from '@/lib/api/models';

import { sentimentMatches } from './triage';

// The inbox's lists stay live without a reload: a server event (or the
// answer to this user's own change) is applied to every cached list page
// here, and a list is refetched only when the event may add a ticket it does
// not hold, or when it cannot tell whether the ticket still belongs.

export type TicketPages = InfiniteData<TicketPage, string | null>;

/** What a list needs to judge membership: its filters and who "mine" is. */
export type TicketListContext = { filters: TicketFilter; meId: string };

export type Verdict = 'yes' | 'no' | 'unknown';

const OPEN_STATUSES: readonly TicketStatus[] = ['open', 'pending', 'waiting_customer'];

export function statusMatches(status: TicketStatus, filter: TicketFilter['status']): boolean {
  const wanted = filter ?? 'open';
  if (wanted === 'any') return true;
  if (wanted === 'open') return OPEN_STATUSES.includes(status);
  return status === wanted;
}

/**
 * Whether `after` belongs in a list that held `before` (or, without
 * `before`, a ticket the list has never seen). Team membership ("Minhas
 * equipes") and text search are the server's to judge: unknown.
 */
export function matchesList(after: Ticket, ctx: TicketListContext, before?: Ticket): Verdict {
  const { filters, meId } = ctx;
  if (!statusMatches(after.status, filters.status)) return 'no';
  const view = filters.view ?? 'all';
  if (view === 'mine' && after.assignee_id !== meId) return 'no';
  if (view === 'unassigned' && after.assignee_id != null) return 'no';
  if (filters.channel_id && after.channel_id !== filters.channel_id) return 'no';
  if (filters.customer_id && after.customer_id !== filters.customer_id) return 'no';
  if (filters.tag && !after.tags.includes(filters.tag)) return 'no';
  if (filters.intent && after.intent !== filters.intent) return 'no';
  if (filters.sentiment && !sentimentMatches(after.sentiment, filters.sentiment)) return 'no';
  if (filters.sla === 'breached' && after.sla_status !== 'breached') return before ? 'unknown' : 'no';
  if (filters.sla === 'warning' && after.sla_status !== 'warning') return before ? 'unknown' : 'no';
  let verdict: Verdict = 'yes';
  if (view === 'my_teams' && (!before || before.team_id !== after.team_id)) verdict = 'unknown';
  if (filters.q && !before) verdict = 'unknown';
  return verdict;
}

/**
 * Whether a ticket the list does not hold might now belong in it, from what
 * an event tells (a new ticket, one assigned or whose status changed). False
 * only when certain, so the list is not refetched for nothing.
 */
export function mayEnterList(
  known: { status?: TicketStatus; assignee_id?: string | null; channel_id?: string; intent?: Intent | null; sentiment?: Sentiment | null },
  ctx: TicketListContext,
): boolean {
  const { filters, meId } = ctx;
  if (known.status !== undefined && !statusMatches(known.status, filters.status)) return false;
  const view = filters.view ?? 'all';
  if (known.assignee_id !== undefined) {
    if (view === 'mine' && known.assignee_id !== meId) return false;
    if (view === 'unassigned' && known.assignee_id !== null) return false;
  }
  if (known.channel_id !== undefined && filters.channel_id && filters.channel_id !== known.channel_id) return false;
  if (known.intent !== undefined && filters.intent && known.intent !== filters.intent) return false;
  if (known.sentiment !== undefined && filters.sentiment && !sentimentMatches(known.sentiment, filters.sentiment)) return false;
  return true;
}

export type ChangeOutcome = 'updated' | 'removed' | 'missing' | 'unknown';

/**
 * Applies `change` to the ticket in a list's pages: replaced in place, moved
 * to the top (new activity: the list is ordered by latest activity), or
 * removed when it no longer belongs. `missing` when the list does not hold
 * it; `unknown` when it was kept but the server should confirm.
 */
export function applyTicketChange(
  data: TicketPages,
  ticketId: string,
  change: (ticket: Ticket) => Ticket,
  ctx: TicketListContext,
  { moveToTop = false }: { moveToTop?: boolean } = {},
): { data: TicketPages; outcome: ChangeOutcome } {
  let before: Ticket | undefined;
  for (const page of data.pages) {
    before = page.items.find((item) => item.id === ticketId);
    if (before) break;
  }
  if (!before) return { data, outcome: 'missing' };
  const after = change(before);
  const verdict = matchesList(after, ctx, before);
  if (verdict === 'no') {
    return {
      data: { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== ticketId) })) },
      outcome: 'removed',
    };
  }
  let pages: TicketPage[];
  if (moveToTop) {
    pages = data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== ticketId) }));
    pages[0] = { ...pages[0], items: [after, ...pages[0].items] };
  } else {
    pages = data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === ticketId ? after : item)) }));
  }
  return { data: { ...data, pages }, outcome: verdict === 'unknown' ? 'unknown' : 'updated' };
}

/** Every ticket of the loaded pages, in order, without repeats (a ticket moved between pages). */
export function flattenTickets(data: { pages: TicketPage[] } | undefined): Ticket[] {
  if (!data) return [];
  const seen = new Set<string>();
  const out: Ticket[] = [];
  for (const page of data.pages) {
    for (const ticket of page.items) {
      if (seen.has(ticket.id)) continue;
      seen.add(ticket.id);
      out.push(ticket);
    }
  }
  return out;
}

/** The ticket after (`1`) or before (`-1`) the current one in the list, for j/k. */
export function neighbourTicket(tickets: readonly Pick<Ticket, 'id'>[], currentId: string | undefined, step: 1 | -1): string | null {
  if (tickets.length === 0) return null;
  const index = currentId ? tickets.findIndex((ticket) => ticket.id === currentId) : -1;
  if (index === -1) return step === 1 ? tickets[0].id : tickets[tickets.length - 1].id;
  const next = index + step;
  if (next < 0 || next >= tickets.length) return null;
  return tickets[next].id;
}
