import { queryOptions, useQuery } from '@tanstack/react-query';

import type { TicketBot } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { ticketBotQueryKey } from './query-keys';

/** The bot's step on the ticket, what it did and why it handed over (`step` null: it never answered here). */
export const getTicketBot = (ticketId: string, signal?: AbortSignal) => api.get<TicketBot>(`/tickets/${ticketId}/bot`, { signal });

export const ticketBotQueryOptions = (ticketId: string) =>
  queryOptions({ queryKey: ticketBotQueryKey(ticketId), queryFn: ({ signal }) => getTicketBot(ticketId, signal) });

export const useTicketBot = (ticketId: string) => useQuery(ticketBotQueryOptions(ticketId));
