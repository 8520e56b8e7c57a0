import type { QueryClient } from '@tanstack/react-query';

import type { Ticket, TicketFilter } from '@/lib/api/models';

import { applyTicketChange, mayEnterList, type TicketListContext, type TicketPages } from '../utils/ticket-list';

import { ticketCountsQueryKey, ticketListsQueryKey, ticketQueryKey } from './query-keys';

// Applies what is known about a ticket to every cached list, and refetches
// only the lists that may have to show a ticket they do not hold.

/** The list filters are the third element of a list's query key (see `ticketsListQueryKey`). */
function filtersOf(queryKey: readonly unknown[]): TicketFilter {
  const filters = queryKey[3];
  return filters && typeof filters === 'object' ? (filters as TicketFilter) : {};
}

export type KnownFields = Parameters<typeof mayEnterList>[0];

export function updateTicketLists(
  queryClient: QueryClient,
  ticketId: string,
  change: (ticket: Ticket) => Ticket,
  {
    meId,
    moveToTop = false,
    known,
    onlyFilteredBy,
  }: {
    meId: string;
    moveToTop?: boolean;
    /** What the event says about the ticket, to decide whether lists that lack it may need it; omit when it cannot enter a list. */
    known?: KnownFields;
    /**
     * The event changed only these fields (a triage: intent, sentiment), so
     * a list that lacks the ticket can gain it only if it filters on one.
     */
    onlyFilteredBy?: (keyof TicketFilter)[];
  },
) {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: ticketListsQueryKey })) {
    const data = query.state.data as TicketPages | undefined;
    if (!data) continue;
    const ctx: TicketListContext = { filters: filtersOf(query.queryKey), meId };
    const result = applyTicketChange(data, ticketId, change, ctx, { moveToTop });
    if (result.outcome === 'updated' || result.outcome === 'removed' || result.outcome === 'unknown') {
      queryClient.setQueryData(query.queryKey, result.data);
    }
    const narrows = !onlyFilteredBy || onlyFilteredBy.some((name) => ctx.filters[name] !== undefined);
    const refetch = result.outcome === 'unknown' || (result.outcome === 'missing' && known !== undefined && narrows && mayEnterList(known, ctx));
    if (refetch) void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
  }
}

/** A ticket as the server answered a change (this agent's own): the detail, the lists and the counts. */
export function storeTicket(queryClient: QueryClient, ticket: Ticket, meId: string) {
  queryClient.setQueryData(ticketQueryKey(ticket.id), ticket);
  updateTicketLists(queryClient, ticket.id, () => ticket, {
    meId,
    known: { status: ticket.status, assignee_id: ticket.assignee_id, channel_id: ticket.channel_id },
  });
  void queryClient.invalidateQueries({ queryKey: ticketCountsQueryKey });
}
