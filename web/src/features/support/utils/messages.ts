import type { InfiniteData } from '@tanstack/react-query';

import type { Message, MessagePage } from '@/lib/api/models';

// The conversation is cached as the API pages it: newest first, each page
// older than the one before. The list shows it oldest → newest; new
// messages (live events, this agent's replies) go to the front of page 0.

export type MessagePages = InfiniteData<MessagePage, string | null>;

/** Oldest → newest, without repeats. */
export function orderedMessages(data: { pages: MessagePage[] } | undefined): Message[] {
  if (!data) return [];
  const seen = new Set<string>();
  const newestFirst: Message[] = [];
  for (const page of data.pages) {
    for (const message of page.items) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      newestFirst.push(message);
    }
  }
  return newestFirst.reverse();
}

function holds(data: MessagePages, id: string) {
  return data.pages.some((page) => page.items.some((item) => item.id === id));
}

/**
 * Merges a fresh first page (the newest messages) into the cache: unknown
 * messages go in front, known ones are replaced (a new delivery status).
 * Null when the fresh page does not reach what is cached (more new messages
 * than a page): the caller starts over from the newest page.
 */
export function mergeNewestPage(data: MessagePages, newest: MessagePage): MessagePages | null {
  if (data.pages.length === 0) return { pages: [newest], pageParams: [null] };
  const fresh = new Map(newest.items.map((message) => [message.id, message]));
  const added = newest.items.filter((message) => !holds(data, message.id));
  const overlaps = added.length < newest.items.length;
  const cachedEmpty = data.pages.every((page) => page.items.length === 0);
  if (!overlaps && !cachedEmpty && newest.next_cursor != null) return null;
  const pages = data.pages.map((page, index) => {
    const items = page.items.map((item) => fresh.get(item.id) ?? item);
    return { ...page, items: index === 0 ? [...added, ...items] : items };
  });
  return { ...data, pages };
}

/** Adds a message this agent just sent (or a live one fetched by id) unless it is there already. */
export function addMessage(data: MessagePages, message: Message): MessagePages {
  if (holds(data, message.id)) return patchMessage(data, message.id, () => message);
  if (data.pages.length === 0) return { pages: [{ items: [message], next_cursor: null }], pageParams: [null] };
  const pages = data.pages.map((page, index) => (index === 0 ? { ...page, items: [message, ...page.items] } : page));
  return { ...data, pages };
}

export function patchMessage(data: MessagePages, id: string, change: (message: Message) => Message): MessagePages {
  if (!holds(data, id)) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === id ? change(item) : item)) })),
  };
}
