import { useSyncExternalStore } from 'react';
import type { Socket } from 'socket.io-client';

import type { components } from './api/schema';

// One Socket.IO connection per signed-in tab. The server authenticates the
// handshake with the access token and puts the socket in the rooms its role
// may read (support, CRM, finance, admin): a tab hears only the events its
// user could load through the API. Logout closes the socket from the server.

type Schemas = components['schemas'];

/**
 * Every domain event the server sends live, under its kind, with the
 * payload type generated from the server's own struct (crates/events;
 * docs/EVENTS.md lists them). A renamed kind or field fails the type check.
 */
export type EventKind = Schemas['EventKind'];
export type DomainEvent<K extends EventKind> = K extends keyof Schemas ? Schemas[K] : never;
type DomainEventHandlers = { [K in EventKind]: (payload: DomainEvent<K>) => void };

export type OpportunityMovedEvent = Schemas['OpportunityMoved'];
export type TicketAssignedEvent = Schemas['TicketAssigned'];
export type TicketMentionedEvent = Schemas['TicketMentioned'];
/** Someone opened the ticket whose room this socket is in. */
export type ViewingEvent = Schemas['Viewing'];
export type LeftEvent = Schemas['Left'];
export type TypingEvent = Schemas['AgentTyping'];
export type PresenceEvent = Schemas['PresenceChanged'];
export type DashboardChangedEvent = Schemas['DashboardChanged'];
/** To one person: something concerns them (stored in their bell unless they keep only desktop alerts of it). */
export type NotificationPushedEvent = Schemas['NotificationPushed'];

/** Live signals: not stored, only shown (who is online, viewing, typing; a dashboard to read again). */
type LiveSignalHandlers = {
  presence: (payload: PresenceEvent) => void;
  /** A web-chat visitor is typing (`contact_address` = `visitor:<id>`). */
  visitor_typing: (payload: Schemas['VisitorTyping']) => void;
  // A ticket's room (after `join {room: "ticket:<id>"}`): who else has it open, who is typing.
  viewing: (payload: ViewingEvent) => void;
  left: (payload: LeftEvent) => void;
  typing: (payload: TypingEvent) => void;
  /** The dashboard's rollups of these sections (`support`, `sales`, `finance`) changed: read them again. */
  dashboard_changed: (payload: DashboardChangedEvent) => void;
  /** To this person only (their user room): a mention, an assignment, a payment… */
  notification: (payload: NotificationPushedEvent) => void;
};

export type RealtimeEvents = DomainEventHandlers & LiveSignalHandlers;

/** What the client sends: a room to join (answered `{ok}`) or leave, typing in a ticket, the agent's presence. */
export type RealtimeEmits = {
  join: { room: string };
  leave: { room: string };
  typing: { ticket_id: string };
  presence: { status: 'online' | 'away' | 'offline' };
};

// The tab's socket, for features that emit or listen to rooms of their own
// (a ticket being viewed). `connectRealtime` (./realtime-connection: it
// carries the Socket.IO client, loaded once signed in, so the entry chunk
// does not) sets it; the hooks below follow it.
let currentSocket: Socket | null = null;
const socketListeners = new Set<() => void>();

export function getCurrentSocket(): Socket | null {
  return currentSocket;
}

export function setCurrentSocket(socket: Socket | null) {
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
