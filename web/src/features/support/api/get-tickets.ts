import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { TicketFilter, TicketPage, ViewCounts } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { ticketCountsQueryKey, ticketListsQueryKey } from './query-keys';

export const TICKETS_PAGE_SIZE = 50;

export const getTickets = ({
  filters,
  cursor,
  limit = TICKETS_PAGE_SIZE,
  signal,
}: {
  filters: TicketFilter;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<TicketPage>('/tickets', { query: { ...filters, limit, cursor }, signal });

export const ticketsListQueryKey = (filters: TicketFilter, limit = TICKETS_PAGE_SIZE) => [...ticketListsQueryKey, filters, limit] as const;

/** Latest activity first; "Carregar mais" reads the next page. */
export const ticketsInfiniteQueryOptions = (filters: TicketFilter, limit = TICKETS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: ticketsListQueryKey(filters, limit),
    queryFn: ({ pageParam, signal }) => getTickets({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useTickets = (filters: TicketFilter, limit?: number, enabled = true) =>
  useInfiniteQuery({ ...ticketsInfiniteQueryOptions(filters, limit), enabled });

export const getTicketCounts = (signal?: AbortSignal) => api.get<ViewCounts>('/tickets/counts', { signal });

export const ticketCountsQueryOptions = () =>
  queryOptions({ queryKey: ticketCountsQueryKey, queryFn: ({ signal }) => getTicketCounts(signal) });

export const useTicketCounts = () => useQuery(ticketCountsQueryOptions());
