import { queryOptions, useQuery } from '@tanstack/react-query';

import { getOpportunities, opportunitiesQueryKey } from './get-opportunities';
import { getProposals, proposalsQueryKey } from './get-proposals';

// The deals and proposals of one conversation (`ticket_id`), for the inbox's
// "Vendas" block. Their keys sit under the CRM's list keys, so every save,
// send and live CRM event that refreshes the lists refreshes these too.

/** More than a conversation ever holds; the block shows one page. */
export const TICKET_SALES_LIMIT = 50;

export const ticketOpportunitiesQueryOptions = (ticketId: string) =>
  queryOptions({
    queryKey: [...opportunitiesQueryKey, 'list', 'ticket', ticketId],
    queryFn: ({ signal }) => getOpportunities({ filters: { ticket_id: ticketId }, signal }),
  });

export const useTicketOpportunities = (ticketId: string) => useQuery(ticketOpportunitiesQueryOptions(ticketId));

export const ticketProposalsQueryOptions = (ticketId: string) =>
  queryOptions({
    queryKey: [...proposalsQueryKey, 'list', 'ticket', ticketId],
    queryFn: ({ signal }) => getProposals({ filters: { ticket_id: ticketId }, limit: TICKET_SALES_LIMIT, signal }),
  });

export const useTicketProposals = (ticketId: string) => useQuery(ticketProposalsQueryOptions(ticketId));
