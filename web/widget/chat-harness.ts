// Test harness for ChatWidget (not bundled: only tests import it): the API,
// socket and storage faked, the shadow root queried by role-ish selectors.
import { vi } from 'vitest';

import type { Api, OutgoingMessage, WidgetConfig } from './api';
import { ChatWidget } from './chat';
import type { ServerMessage } from './messages';
import type { RealtimeHandlers } from './realtime';
import { memoryStorage, saveSession } from './session-store';
import type { KeyValueStorage, StoredSession } from './session-store';

export const CHANNEL = 't1.c1';

export const CONFIG: WidgetConfig = {
  title: 'Loja',
  greeting: 'Olá! Como podemos ajudar?',
  color: '#10b981',
  prechat: true,
  position: 'right',
  offset_x: 20,
  offset_y: 20,
  max_length: 5000,
  open_now: true,
  next_open: null,
  offline_message: 'Estamos fora do horário de atendimento.',
};

export interface MountOptions {
  config?: WidgetConfig;
  storage?: KeyValueStorage;
  session?: StoredSession;
  history?: ServerMessage[];
}

export function mountChat({ config = CONFIG, storage = memoryStorage(), session, history = [] }: MountOptions = {}) {
  if (session) saveSession(storage, CHANNEL, session);
  const api = {
    config: vi.fn(async (_channel: string) => config),
    startSession: vi.fn(async () => ({ token: 'new-token', visitor_id: 'v1' })),
    history: vi.fn(async (_token: string) => [...history]),
    send: vi.fn(async (_token: string, _message: OutgoingMessage): Promise<void> => undefined),
    seen: vi.fn(async (_token: string, _through: string): Promise<void> => undefined),
  } satisfies Api;
  let handlers: RealtimeHandlers | undefined;
  const realtime = { typing: vi.fn(), close: vi.fn() };
  const connect = vi.fn((_token: string, h: RealtimeHandlers) => {
    handlers = h;
    return realtime;
  });
  const host = document.createElement('conectcrm-chat');
  document.body.appendChild(host);
  const widget = new ChatWidget(host, CHANNEL, config, { api, storage, connect, timeZone: 'America/Sao_Paulo' });
  const root = widget.root;
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector) as T;
  const button = (label: string) => q<HTMLButtonElement>(`button[aria-label="${label}"]`);
  const log = () => q<HTMLElement>('[role="log"]');
  /** Types a message and presses Enter. */
  const type = (text: string) => {
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = text;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
  };
  return { widget, root, q, button, log, type, api, storage, connect, realtime, history, handlers: () => handlers! };
}

/** Lets pending promises and timers at 0 ms run. */
export const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

export const message = (id: string, direction: 'in' | 'out', text: string, createdAt: string): ServerMessage => ({
  id,
  direction,
  text,
  author_name: direction === 'in' ? 'Ana' : 'Bruno',
  created_at: createdAt,
});

/** A promise settled from outside, for requests the test answers when it wants. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
