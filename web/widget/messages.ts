// The conversation as the widget shows it: what the server has (history and
// live replies, deduplicated by id) and what the visitor sent and the server
// has not yet processed (optimistic, matched to the server's copy by text
// once it shows up in the history).

import type { components } from '../src/lib/api/schema';

/** A message as the public API lists it (`direction` is "in" for the visitor's, anything else is the company's). */
export type ServerMessage = components['schemas']['VisitorMessage'];

/**
 * pending: being posted (or next in line); waiting: behind a failed one;
 * failed: not accepted, can be sent again; refused: the server will never
 * take it (422); sent: accepted (202), not yet in the history; delivered:
 * in the history.
 */
export type Status = 'pending' | 'waiting' | 'failed' | 'refused' | 'sent' | 'delivered';

export interface ChatItem {
  /** Stable across reconciliation (keys the DOM node). */
  key: string;
  serverId?: string;
  clientId?: string;
  direction: 'in' | 'out';
  text: string;
  author: string;
  createdAt: string;
  status: Status;
}

export function localItem(clientId: string, text: string, author: string, now: Date = new Date()): ChatItem {
  return {
    key: `c:${clientId}`,
    clientId,
    direction: 'in',
    text: text.trim(),
    author,
    createdAt: now.toISOString(),
    status: 'pending',
  };
}

function fromServer(m: ServerMessage): ChatItem {
  return {
    key: `s:${m.id}`,
    serverId: m.id,
    direction: m.direction === 'in' ? 'in' : 'out',
    text: m.text,
    author: m.author_name,
    createdAt: m.created_at,
    status: 'delivered',
  };
}

const time = (iso: string) => {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
};

/**
 * Adds server messages to the conversation: a message already shown (same
 * id) is updated, a visitor message matching an optimistic one (same text,
 * first unmatched in send order) replaces it in place. Server messages come
 * in their time order; optimistic ones not yet matched stay at the end, in
 * the order they were sent.
 */
export function mergeServer(items: readonly ChatItem[], incoming: readonly ServerMessage[]): ChatItem[] {
  const known = new Map<string, ChatItem>();
  for (const item of items) if (item.serverId) known.set(item.serverId, item);
  const locals = items.filter((item) => !item.serverId);
  const matched = new Set<string>();
  for (const m of incoming) {
    const existing = known.get(m.id);
    if (existing) {
      known.set(m.id, { ...existing, text: m.text, author: m.author_name, createdAt: m.created_at, status: 'delivered' });
      continue;
    }
    const local =
      m.direction === 'in' ? locals.find((l) => !matched.has(l.key) && l.text === m.text.trim()) : undefined;
    if (local) {
      matched.add(local.key);
      known.set(m.id, { ...local, serverId: m.id, text: m.text, author: m.author_name, createdAt: m.created_at, status: 'delivered' });
    } else {
      known.set(m.id, fromServer(m));
    }
  }
  const server = [...known.values()].sort((a, b) => time(a.createdAt) - time(b.createdAt));
  return [...server, ...locals.filter((l) => !matched.has(l.key))];
}

export function withStatus(items: readonly ChatItem[], clientId: string, status: Status): ChatItem[] {
  return items.map((item) => (item.clientId === clientId && !item.serverId ? { ...item, status } : item));
}

/** The agent's replies newer than `seenAt` (all of them when nothing was seen yet). */
export function unreadCount(items: readonly ChatItem[], seenAt: string | undefined): number {
  const seen = seenAt ? time(seenAt) : -Infinity;
  return items.filter((item) => item.serverId && item.direction === 'out' && time(item.createdAt) > seen).length;
}

/** The newest message the server has, of either side, or of `direction`. */
export function newestServer(items: readonly ChatItem[], direction?: 'in' | 'out'): ChatItem | undefined {
  // Server messages come first, in time order.
  for (let i = items.length - 1; i >= 0; i -= 1) {
    const item = items[i];
    if (item.serverId && (!direction || item.direction === direction)) return item;
  }
  return undefined;
}

/** Whether some of the visitor's messages are not yet confirmed by the history. */
export function hasUnconfirmed(items: readonly ChatItem[]): boolean {
  return items.some((item) => !item.serverId);
}
