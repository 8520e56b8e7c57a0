// Socket.IO in the `/webchat` namespace: the visitor token in the handshake;
// agent replies ("message") and typing ("typing") arrive in the visitor's room.
// WebSocket first, HTTP long-polling when it cannot connect: a site whose CSP
// connect-src lists our https origin but not wss: blocks the WebSocket, and
// replies must still arrive live.
import { io } from 'socket.io-client';

import type { ServerMessage } from './messages';

export interface RealtimeHandlers {
  /** Connected; `again` after a reconnection (the widget reloads the history to fill the gap). */
  connected(again: boolean): void;
  /** Lost, or not reachable yet (every failed attempt): the client keeps trying. */
  disconnected(): void;
  message(message: ServerMessage): void;
  typing(): void;
}

export interface Realtime {
  /** "The visitor is typing" (dropped while disconnected). */
  typing(): void;
  close(): void;
}

export type Connect = (token: string, handlers: RealtimeHandlers) => Realtime;

export function socketConnect(origin: string): Connect {
  return (token, handlers) => {
    const socket = io(`${origin}/webchat`, {
      auth: { token },
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      reconnectionDelay: 1_000,
      reconnectionDelayMax: 10_000,
    });
    let connectedBefore = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let attempts = 0;
    let closed = false;
    socket.on('connect', () => {
      attempts = 0;
      handlers.connected(connectedBefore);
      connectedBefore = true;
    });
    socket.on('disconnect', () => handlers.disconnected());
    // Every failed attempt tells the widget (it shows "Reconectando…"). A
    // refusal by the server (not a network failure) is not retried by the
    // client itself: try again with a growing delay.
    socket.on('connect_error', () => {
      if (closed) return;
      handlers.disconnected();
      if (socket.active) return;
      attempts += 1;
      clearTimeout(retry);
      retry = setTimeout(() => socket.connect(), Math.min(30_000, 1_000 * 2 ** attempts));
    });
    socket.on('message', (payload: ServerMessage) => handlers.message(payload));
    socket.on('typing', () => handlers.typing());
    return {
      typing: () => {
        if (socket.connected) socket.volatile.emit('typing');
      },
      close: () => {
        closed = true;
        clearTimeout(retry);
        socket.disconnect();
      },
    };
  };
}
