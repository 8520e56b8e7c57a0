import { beforeEach, describe, expect, it, vi } from 'vitest';

import { socketConnect } from './realtime';

// A fake socket.io-client: the options it was given and its event handlers.
const sockets = vi.hoisted(() => [] as { url: string; options: Record<string, unknown>; on: Map<string, (arg?: unknown) => void> }[]);
vi.mock('socket.io-client', () => ({
  io: (url: string, options: Record<string, unknown>) => {
    const on = new Map<string, (arg?: unknown) => void>();
    const socket = {
      active: true,
      connected: false,
      on: (event: string, fn: (arg?: unknown) => void) => on.set(event, fn),
      connect: vi.fn(),
      disconnect: vi.fn(),
      volatile: { emit: vi.fn() },
    };
    sockets.push({ url, options, on });
    return socket;
  },
}));

function handlers() {
  return { connected: vi.fn(), disconnected: vi.fn(), message: vi.fn(), typing: vi.fn() };
}

beforeEach(() => {
  sockets.length = 0;
});

describe('socketConnect', () => {
  it('tries the WebSocket first and falls back to long-polling (a CSP without wss:)', () => {
    socketConnect('https://crm.example.com')('tok', handlers());
    expect(sockets[0].url).toBe('https://crm.example.com/webchat');
    expect(sockets[0].options).toMatchObject({ auth: { token: 'tok' }, transports: ['websocket', 'polling'], tryAllTransports: true });
  });

  it('reports every failed attempt as disconnected, and connections after the first as again', () => {
    const h = handlers();
    socketConnect('https://crm.example.com')('tok', h);
    const on = sockets[0].on;
    on.get('connect_error')?.(new Error('websocket error'));
    expect(h.disconnected).toHaveBeenCalledTimes(1);
    on.get('connect')?.();
    on.get('disconnect')?.();
    on.get('connect')?.();
    expect(h.connected.mock.calls).toEqual([[false], [true]]);
    expect(h.disconnected).toHaveBeenCalledTimes(2);
  });
});
