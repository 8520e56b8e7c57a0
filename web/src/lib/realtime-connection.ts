import { io, type Socket } from 'socket.io-client';

import { env } from '@/config/env';

import { refreshAccessToken } from './api-client';
import { getCurrentSocket, setCurrentSocket, type RealtimeEvents } from './realtime';
import { getAccessToken, useSession } from './session';

// Opening the tab's Socket.IO connection: the Socket.IO client (~40 kB) lives
// here only, and this module is imported dynamically once signed in
// (app/realtime-bridge.tsx), so neither the sign-in page nor the entry chunk
// carries it. The socket it opens is kept in ./realtime for the hooks.

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
    if (getCurrentSocket() === socket) setCurrentSocket(null);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
