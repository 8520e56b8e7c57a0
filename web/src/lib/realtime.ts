import { useSyncExternalStore } from 'react';
import { io, type Socket } from 'socket.io-client';

import { env } from '@/config/env';

import { refreshAccessToken } from './api-client';
import { getAccessToken, useSession } from './session';

// One Socket.IO connection per signed-in tab. The server authenticates the
// handshake with the access token and puts the socket in the rooms its role
// may read (support, CRM, finance, admin): a tab hears only the events its
// user could load through the API. Logout closes the socket from the server.

/** `opportunity.moved`: a card changed stage or place on a kanban. */
export type OpportunityMovedEvent = {
  id: string;
  pipeline_id: string;
  from_stage_id: string;
  stage_id: string;
  position: number;
  version: number;
};

// Support (omnichannel inbox). Every domain event is emitted under its kind
// to the room of its area; the payloads below are what the server puts in them.
export type TicketCreatedEvent = {
  ticket_id: string;
  number: number;
  customer_id?: string;
  team_id: string | null;
  assignee_id: string | null;
  priority: string;
};
export type TicketAssignedEvent = { ticket_id: string; number: number; assignee_id: string | null; team_id?: string | null };
export type MessageReceivedEvent = { ticket_id: string; message_id: string; preview: string; channel: string; customer_id?: string };
export type MessageStatusEvent = { ticket_id: string; message_id: string; status: string; reason?: string | null };
export type TicketStatusChangedEvent = { ticket_id: string; status: string };
export type TicketMentionEvent = { ticket_id: string; number?: number; user_ids: string[]; by: string; preview: string };
export type SlaEvent = { ticket_id: string; number?: number; target?: string; due?: string; assignee_id?: string | null; team_id?: string | null };
/** Someone opened the ticket whose room this socket is in. */
export type ViewingEvent = { room: string; user_id: string; name: string };
export type LeftEvent = { room: string; user_id: string };
export type TypingEvent = { ticket_id: string; user_id: string; name: string };
export type PresenceEvent = { user_id: string; status: 'online' | 'away' | 'offline' };

export type RealtimeEvents = {
  'user.updated': (payload: unknown) => void;
  'company.updated': (payload: unknown) => void;
  'customer.created': (payload: { id: string }) => void;
  'customer.updated': (payload: { id: string }) => void;
  'customer.merged': (payload: { survivor_id: string; merged_id: string }) => void;
  'customer.deleted': (payload: { id: string }) => void;
  /** A CSV import finished and kept its rows. */
  'customers.imported': (payload: { import_id: string; created: number; updated: number; skipped: number }) => void;
  'opportunity.created': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.updated': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.deleted': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.moved': (payload: OpportunityMovedEvent) => void;
  'proposal.created': (payload: { id: string; customer_id: string }) => void;
  'proposal.updated': (payload: { id: string; revision: number }) => void;
  'proposal.sent': (payload: { id: string; customer_id: string }) => void;
  'proposal.viewed': (payload: { id: string }) => void;
  /** Accepted through the public link: a signed contract exists and the deal is won. */
  'proposal.accepted': (payload: { id: string; contract_id: string; customer_id: string }) => void;
  'proposal.rejected': (payload: { id: string }) => void;
  'proposal.expired': (payload: { id: string }) => void;
  ContractSigned: (payload: { contract_id: string; customer_id: string }) => void;
  ContractCancelled: (payload: { contract_id: string; customer_id: string }) => void;
  'contract.suspended': (payload: { contract_id: string }) => void;
  'contract.active': (payload: { contract_id: string }) => void;
  'contract.ended': (payload: { contract_id: string }) => void;
  // Finance: invoices, payments and subscriptions (from people, contracts, jobs and gateway webhooks).
  InvoiceIssued: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoiceCancelled: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoicePaid: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoiceReminderDue: (payload: unknown) => void;
  'invoice.sent': (payload: { invoice_id: string; to: string }) => void;
  PaymentReceived: (payload: { payment_id: string; customer_id: string }) => void;
  PaymentNeedsReview: (payload: unknown) => void;
  PaymentRefunded: (payload: unknown) => void;
  PaymentFailed: (payload: unknown) => void;
  SubscriptionStarted: (payload: { subscription_id: string; customer_id: string }) => void;
  SubscriptionChanged: (payload: { subscription_id: string; customer_id: string }) => void;
  SubscriptionPaused: (payload: { subscription_id: string }) => void;
  SubscriptionResumed: (payload: { subscription_id: string }) => void;
  SubscriptionCancelled: (payload: { subscription_id: string; customer_id: string }) => void;
  // Support: tickets and messages (tenant room).
  TicketCreated: (payload: TicketCreatedEvent) => void;
  TicketAssigned: (payload: TicketAssignedEvent) => void;
  MessageReceived: (payload: MessageReceivedEvent) => void;
  MessageQueued: (payload: { ticket_id: string; message_id: string }) => void;
  MessageStatus: (payload: MessageStatusEvent) => void;
  NoteAdded: (payload: { ticket_id: string; message_id: string }) => void;
  TicketStatusChanged: (payload: TicketStatusChangedEvent) => void;
  TicketResolved: (payload: { ticket_id: string; customer_id: string }) => void;
  TicketMention: (payload: TicketMentionEvent) => void;
  SlaWarning: (payload: SlaEvent) => void;
  SlaBreached: (payload: SlaEvent) => void;
  CsatReceived: (payload: { ticket_id: string; score: number }) => void;
  TicketMerged: (payload: { ticket_id: string; into: string }) => void;
  presence: (payload: PresenceEvent) => void;
  /** A web-chat visitor is typing (`contact_address` = `visitor:<id>`). */
  visitor_typing: (payload: { contact_address: string }) => void;
  // A ticket's room (after `join {room: "ticket:<id>"}`): who else has it open, who is typing.
  viewing: (payload: ViewingEvent) => void;
  left: (payload: LeftEvent) => void;
  typing: (payload: TypingEvent) => void;
};

/** What the client sends: a room to join (answered `{ok}`) or leave, typing in a ticket, the agent's presence. */
export type RealtimeEmits = {
  join: { room: string };
  leave: { room: string };
  typing: { ticket_id: string };
  presence: { status: 'online' | 'away' | 'offline' };
};

// The tab's socket, for features that emit or listen to rooms of their own
// (a ticket being viewed). `connectRealtime` sets it; the hooks below follow it.
let currentSocket: Socket | null = null;
const socketListeners = new Set<() => void>();

function setCurrentSocket(socket: Socket | null) {
  currentSocket = socket;
  for (const listener of socketListeners) listener();
}

function subscribeSocket(listener: () => void) {
  socketListeners.add(listener);
  return () => {
    socketListeners.delete(listener);
  };
}

/** The tab's Socket.IO connection (null while signed out or with real time off); re-renders when it is replaced. */
export function useRealtimeSocket(): Socket | null {
  return useSyncExternalStore(subscribeSocket, () => currentSocket, () => null);
}

/** Emits on the tab's socket, if there is one and it is connected; false otherwise. */
export function emitRealtime<K extends keyof RealtimeEmits>(event: K, payload: RealtimeEmits[K]): boolean {
  if (!currentSocket?.connected) return false;
  currentSocket.emit(event, payload);
  return true;
}

/**
 * Joins a room and resolves with the server's answer (`{ok}`); false when
 * there is no connection, the server refused, or it did not answer in time.
 */
export async function joinRealtimeRoom(socket: Socket, room: string, timeoutMs = 5000): Promise<boolean> {
  try {
    const answer = (await socket.timeout(timeoutMs).emitWithAck('join', { room })) as { ok?: boolean } | undefined;
    return answer?.ok === true;
  } catch {
    return false;
  }
}

const MAX_AUTH_RETRIES = 3;

export function connectRealtime(handlers: Partial<RealtimeEvents>): () => void {
  const options = {
    path: '/socket.io',
    // Read at every (re)connection, so a refreshed token is used.
    auth: (cb: (data: object) => void) => cb({ token: getAccessToken() }),
  };
  const socket: Socket = env.SOCKET_URL ? io(env.SOCKET_URL, options) : io(options);
  setCurrentSocket(socket);

  for (const [event, handler] of Object.entries(handlers)) {
    if (handler) socket.on(event, handler as (...args: unknown[]) => void);
  }

  // A refused handshake (socket.active === false) is not retried by the
  // client: renew the token if it is due and try again a few times.
  let authRetries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    authRetries = 0;
  });
  socket.on('connect_error', () => {
    if (socket.active || authRetries >= MAX_AUTH_RETRIES) return;
    authRetries += 1;
    timer = setTimeout(async () => {
      const { accessExpiresAt } = useSession.getState();
      const due = !getAccessToken() || (accessExpiresAt !== null && Date.now() >= accessExpiresAt);
      try {
        const token = due ? await refreshAccessToken() : getAccessToken();
        if (token) socket.connect();
      } catch {
        // network trouble: leave it; the next page load tries again
      }
    }, 1000 * 2 ** authRetries);
  });

  return () => {
    clearTimeout(timer);
    if (currentSocket === socket) setCurrentSocket(null);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
