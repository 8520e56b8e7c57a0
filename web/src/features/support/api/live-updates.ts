import type { QueryClient } from '@tanstack/react-query';

import type { DeliveryStatus, Team, Ticket, User } from '@/lib/api/models';
import { allUsersQueryKey } from '@/lib/api/users';
import type { RealtimeEvents } from '@/lib/realtime';
import { TICKET_STATUSES } from '@/lib/ticket-labels';

import { refreshNewestMessages, patchCachedMessage } from './messages';
import {
  activitiesQueryKey,
  customerTicketsQueryKey,
  messagesQueryKey,
  teamsQueryKey,
  ticketCountsQueryKey,
  ticketQueryKey,
  ticketBotQueryKey,
  ticketsQueryKey,
  ticketSummaryQueryKey,
  ticketTriageQueryKey,
} from './query-keys';
import { updateTicketLists } from './ticket-cache';

const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['scheduled', 'queued', 'sent', 'delivered', 'read', 'failed'];
const DELIVERY_RANK: Record<DeliveryStatus, number> = { scheduled: 0, queued: 1, sent: 2, delivered: 3, read: 4, failed: 5 };

/**
 * The inbox's live updates: each support event patches the cached lists,
 * the open ticket and its conversation, and refetches only what cannot be
 * patched (a ticket a list does not hold, the counts). `getMeId` names the
 * signed-in user (for "Meus").
 */
export function supportRealtimeHandlers(queryClient: QueryClient, getMeId: () => string | null): Partial<RealtimeEvents> {
  const now = () => new Date().toISOString();
  const userName = (id?: string | null) =>
    id ? (queryClient.getQueryData<User[]>(allUsersQueryKey)?.find((user) => user.id === id)?.name ?? null) : null;
  const teamName = (id?: string | null) =>
    id ? (queryClient.getQueryData<Team[]>(teamsQueryKey)?.find((team) => team.id === id)?.name ?? null) : null;

  const refreshTicket = (ticketId: string) => {
    void queryClient.invalidateQueries({ queryKey: ticketQueryKey(ticketId) });
    void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(ticketId) });
    // Another agent's transfer to a new team marks the first triage corrected.
    void queryClient.invalidateQueries({ queryKey: ticketTriageQueryKey(ticketId) });
  };
  // The summary reads the customer's messages and the replies (not the notes).
  const refreshSummary = (ticketId: string) => void queryClient.invalidateQueries({ queryKey: ticketSummaryQueryKey(ticketId) });
  // The bot answers with a reply, and hands over with a note and a transfer.
  const refreshBot = (ticketId: string) => void queryClient.invalidateQueries({ queryKey: ticketBotQueryKey(ticketId) });
  const refreshCounts = () => void queryClient.invalidateQueries({ queryKey: ticketCountsQueryKey });
  const refreshCustomerTickets = (customerId?: string) =>
    void queryClient.invalidateQueries({ queryKey: customerId ? customerTicketsQueryKey(customerId) : [...ticketsQueryKey, 'customer'] });
  const patchDetail = (ticketId: string, change: (ticket: Ticket) => Ticket) =>
    queryClient.setQueryData<Ticket>(ticketQueryKey(ticketId), (ticket) => (ticket ? change(ticket) : ticket));
  const lists = (
    ticketId: string,
    change: (ticket: Ticket) => Ticket,
    options: Omit<Parameters<typeof updateTicketLists>[3], 'meId'> = {},
  ) => {
    const meId = getMeId();
    if (meId) updateTicketLists(queryClient, ticketId, change, { meId, ...options });
  };

  return {
    TicketCreated: (event) => {
      lists(event.ticket_id, (ticket) => ticket, { known: { status: 'open', assignee_id: event.assignee_id } });
      refreshCounts();
      refreshCustomerTickets(event.customer_id);
    },
    TicketTriaged: (event) => {
      // The first message's triage sets the ticket's intent (and its category,
      // priority and team, read again below); a later one only its tone.
      const known = event.initial ? { intent: event.intent, sentiment: event.sentiment } : { sentiment: event.sentiment };
      const change = (ticket: Ticket): Ticket => ({ ...ticket, ...known });
      lists(event.ticket_id, change, { known, onlyFilteredBy: event.initial ? ['intent', 'sentiment'] : ['sentiment'] });
      patchDetail(event.ticket_id, change);
      refreshTicket(event.ticket_id);
    },
    TicketAssigned: (event) => {
      const change = (ticket: Ticket): Ticket => {
        const teamId = event.team_id === undefined ? (ticket.team_id ?? null) : event.team_id;
        return {
          ...ticket,
          assignee_id: event.assignee_id ?? null,
          assignee_name: event.assignee_id === ticket.assignee_id ? ticket.assignee_name : userName(event.assignee_id),
          team_id: teamId,
          team_name: teamId === ticket.team_id ? ticket.team_name : teamName(teamId),
        };
      };
      lists(event.ticket_id, change, { known: { assignee_id: event.assignee_id } });
      patchDetail(event.ticket_id, change);
      refreshTicket(event.ticket_id);
      refreshCounts();
    },
    MessageReceived: (event) => {
      const at = now();
      const change = (ticket: Ticket): Ticket => ({
        ...ticket,
        unread: ticket.unread + 1,
        last_message_at: at,
        last_inbound_at: at,
        // The server reopens a pending, waiting or resolved ticket when the customer writes.
        status: ticket.status === 'closed' ? ticket.status : 'open',
        resolved_at: ticket.status === 'resolved' ? null : ticket.resolved_at,
        snoozed_until: null,
      });
      lists(event.ticket_id, change, { moveToTop: true, known: { status: 'open' } });
      patchDetail(event.ticket_id, change);
      void refreshNewestMessages(queryClient, event.ticket_id);
      void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(event.ticket_id) });
      refreshSummary(event.ticket_id);
      refreshBot(event.ticket_id);
      refreshCounts();
    },
    MessageQueued: (event) => {
      const at = now();
      lists(event.ticket_id, (ticket) => ({ ...ticket, last_message_at: at, unread: 0 }), { moveToTop: true });
      void refreshNewestMessages(queryClient, event.ticket_id);
      refreshSummary(event.ticket_id);
      refreshBot(event.ticket_id);
    },
    NoteAdded: (event) => {
      void refreshNewestMessages(queryClient, event.ticket_id);
      refreshBot(event.ticket_id);
    },
    MessageStatusChanged: (event) => {
      const status = DELIVERY_STATUSES.find((known) => known === event.status);
      if (!status) return;
      patchCachedMessage(queryClient, event.ticket_id, event.message_id, (message) => {
        // Provider statuses only move forward; a retry starts over from "queued".
        const current = message.delivery_status;
        if (current && status !== 'failed' && current !== 'failed' && DELIVERY_RANK[status] < DELIVERY_RANK[current]) return message;
        return { ...message, delivery_status: status, failure_reason: status === 'failed' ? (event.reason ?? null) : null };
      });
    },
    TicketStatusChanged: (event) => {
      const status = TICKET_STATUSES.find((known) => known === event.status);
      if (!status) return;
      const change = (ticket: Ticket): Ticket => ({ ...ticket, status });
      lists(event.ticket_id, change, { known: { status } });
      patchDetail(event.ticket_id, change);
      refreshTicket(event.ticket_id);
      refreshCounts();
      refreshCustomerTickets();
    },
    SlaWarningReached: (event) => {
      const change = (ticket: Ticket): Ticket => ({ ...ticket, sla_status: ticket.sla_status === 'breached' ? 'breached' : 'warning' });
      lists(event.ticket_id, change);
      patchDetail(event.ticket_id, change);
      void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(event.ticket_id) });
    },
    SlaBreached: (event) => {
      const change = (ticket: Ticket): Ticket => ({ ...ticket, sla_status: 'breached' });
      lists(event.ticket_id, change);
      patchDetail(event.ticket_id, change);
      void queryClient.invalidateQueries({ queryKey: activitiesQueryKey(event.ticket_id) });
    },
    CsatReceived: (event) => {
      const change = (ticket: Ticket): Ticket => ({ ...ticket, csat_score: event.score });
      lists(event.ticket_id, change);
      patchDetail(event.ticket_id, change);
      // The rating arrives as the customer's message.
      void refreshNewestMessages(queryClient, event.ticket_id);
      refreshSummary(event.ticket_id);
      refreshTicket(event.ticket_id);
      refreshCustomerTickets();
    },
    TicketMerged: (event) => {
      const change = (ticket: Ticket): Ticket => ({ ...ticket, status: 'closed', merged_into: event.into });
      lists(event.ticket_id, change);
      patchDetail(event.ticket_id, change);
      refreshTicket(event.ticket_id);
      refreshTicket(event.into);
      // The ticket that stays received the other's messages.
      void queryClient.resetQueries({ queryKey: messagesQueryKey(event.into) });
      refreshSummary(event.into);
      refreshBot(event.into);
      refreshCounts();
    },
    presence: () => {
      void queryClient.invalidateQueries({ queryKey: teamsQueryKey });
    },
  };
}
