import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { Activity, LinkCustomerRequest, TicketMergeRequest, SnoozeRequest, Ticket, TransferRequest, UpdateTicketRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useMe } from '@/lib/auth';

import { activitiesQueryKey, ticketCountsQueryKey, ticketQueryKey, ticketTriageQueryKey } from './query-keys';
import { storeTicket, updateTicketLists } from './ticket-cache';

export const getTicket = (id: string, signal?: AbortSignal) => api.get<Ticket>(`/tickets/${id}`, { signal });

export const ticketQueryOptions = (id: string) =>
  queryOptions({ queryKey: ticketQueryKey(id), queryFn: ({ signal }) => getTicket(id, signal) });

export const useTicket = (id: string) => useQuery(ticketQueryOptions(id));

/** Status (resolving asks the customer for a 1–5 rating), priority, subject, category, tags. */
export const updateTicket = ({ id, input }: { id: string; input: UpdateTicketRequest }) => api.patch<Ticket>(`/tickets/${id}`, input);

/** To another agent (`assignee_id: null` = nobody), team or queue; the note is kept as an internal note. */
export const transferTicket = ({ id, input }: { id: string; input: TransferRequest }) => api.post<Ticket>(`/tickets/${id}/transfer`, input);

/** Pending until then; it reopens by itself (or when the customer writes). */
export const snoozeTicket = ({ id, input }: { id: string; input: SnoozeRequest }) => api.post<Ticket>(`/tickets/${id}/snooze`, input);

/** Moves this ticket's messages into `into_ticket_id` and closes this one; answers the ticket that stays. */
export const mergeTicket = ({ id, input }: { id: string; input: TicketMergeRequest }) => api.post<Ticket>(`/tickets/${id}/merge`, input);

/** The agent links the ticket to the existing customer its contact really is; the ticket is no longer "não verificado". */
export const linkTicketCustomer = ({ id, input }: { id: string; input: LinkCustomerRequest }) => api.post<Ticket>(`/tickets/${id}/customer`, input);

/** The customer's messages count as read. */
export const markTicketRead = (id: string) => api.post<void>(`/tickets/${id}/read`);

export const getActivities = (id: string, signal?: AbortSignal) => api.get<Activity[]>(`/tickets/${id}/activities`, { signal });

export const activitiesQueryOptions = (id: string) =>
  queryOptions({ queryKey: activitiesQueryKey(id), queryFn: ({ signal }) => getActivities(id, signal) });

export const useActivities = (id: string, enabled = true) => useQuery({ ...activitiesQueryOptions(id), enabled });

function useTicketSaved() {
  const queryClient = useQueryClient();
  const { user } = useMe();
  return (ticket: Ticket) => {
    storeTicket(queryClient, ticket, user.id);
    void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(ticket.id) });
    // Changing the category, priority or team marks the first triage corrected.
    void queryClient.invalidateQueries({ queryKey: ticketTriageQueryKey(ticket.id) });
  };
}

export function useUpdateTicket() {
  const saved = useTicketSaved();
  return useMutation({ mutationFn: updateTicket, onSuccess: saved });
}

export function useTransferTicket() {
  const saved = useTicketSaved();
  return useMutation({ mutationFn: transferTicket, onSuccess: saved });
}

export function useSnoozeTicket() {
  const saved = useTicketSaved();
  return useMutation({ mutationFn: snoozeTicket, onSuccess: saved });
}

export function useMergeTicket() {
  const queryClient = useQueryClient();
  const saved = useTicketSaved();
  return useMutation({
    mutationFn: mergeTicket,
    onSuccess: (into, { id }) => {
      saved(into);
      // The merged ticket is closed now; its page reads it again.
      void queryClient.invalidateQueries({ queryKey: ticketQueryKey(id) });
    },
  });
}

export function useLinkTicketCustomer() {
  const saved = useTicketSaved();
  return useMutation({ mutationFn: linkTicketCustomer, onSuccess: saved });
}

/** Marks the ticket read and clears its badge at once in every list. */
export function useMarkTicketRead() {
  const queryClient = useQueryClient();
  const { user } = useMe();
  return useMutation({
    mutationFn: markTicketRead,
    onMutate: (id) => {
      queryClient.setQueryData<Ticket>(ticketQueryKey(id), (ticket) => (ticket ? { ...ticket, unread: 0 } : ticket));
      updateTicketLists(queryClient, id, (ticket) => ({ ...ticket, unread: 0 }), { meId: user.id });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ticketCountsQueryKey }),
  });
}
