import { describe, expect, it } from 'vitest';

import type { Message } from '@/lib/api/models';

import { addMessage, mergeNewestPage, orderedMessages, patchMessage, type MessagePages } from './messages';
import { makeMessage } from './test-fixtures';

const m = (id: string, extra: Partial<Message> = {}) => makeMessage({ id, ...extra });

// Pages as the API gives them: newest first, each page older than the one before.
const cached = (): MessagePages => ({
  pages: [
    { items: [m('m5'), m('m4'), m('m3')], next_cursor: 'm3' },
    { items: [m('m2'), m('m1')], next_cursor: null },
  ],
  pageParams: [null, 'm3'],
});

const ids = (messages: Message[]) => messages.map((message) => message.id);

describe('orderedMessages', () => {
  it('shows the conversation oldest first, without repeats', () => {
    expect(ids(orderedMessages(cached()))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    const repeated: MessagePages = { pages: [{ items: [m('m3'), m('m2')], next_cursor: 'm2' }, { items: [m('m2'), m('m1')], next_cursor: null }], pageParams: [null, 'm2'] };
    expect(ids(orderedMessages(repeated))).toEqual(['m1', 'm2', 'm3']);
    expect(orderedMessages(undefined)).toEqual([]);
  });
});

describe('mergeNewestPage', () => {
  it('puts new messages in front and refreshes known ones', () => {
    const merged = mergeNewestPage(cached(), {
      items: [m('m7'), m('m6'), m('m5', { delivery_status: 'read' }), m('m4')],
      next_cursor: 'm4',
    });
    expect(merged).not.toBeNull();
    expect(ids(orderedMessages(merged!))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(orderedMessages(merged!).find((message) => message.id === 'm5')?.delivery_status).toBe('read');
    // Older pages and their cursors stay as they were.
    expect(merged!.pageParams).toEqual([null, 'm3']);
    expect(merged!.pages[1]).toEqual(cached().pages[1]);
  });

  it('is null when more arrived than a page holds (a gap)', () => {
    expect(mergeNewestPage(cached(), { items: [m('m9'), m('m8')], next_cursor: 'm8' })).toBeNull();
  });

  it('takes a short conversation whole', () => {
    const empty: MessagePages = { pages: [{ items: [], next_cursor: null }], pageParams: [null] };
    const merged = mergeNewestPage(empty, { items: [m('m2'), m('m1')], next_cursor: null });
    expect(ids(orderedMessages(merged!))).toEqual(['m1', 'm2']);
  });
});

describe('addMessage and patchMessage', () => {
  it('adds the agent’s own reply at the end once', () => {
    const reply = m('m6', { direction: 'out', delivery_status: 'queued' });
    const once = addMessage(cached(), reply);
    const twice = addMessage(once, { ...reply, delivery_status: 'sent' });
    expect(ids(orderedMessages(twice))).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6']);
    expect(orderedMessages(twice).at(-1)?.delivery_status).toBe('sent');
  });

  it('patches a delivery status wherever the message is', () => {
    const patched = patchMessage(cached(), 'm1', (message) => ({ ...message, delivery_status: 'failed', failure_reason: 'número inválido' }));
    expect(orderedMessages(patched)[0]).toMatchObject({ delivery_status: 'failed', failure_reason: 'número inválido' });
    const untouched = cached();
    expect(patchMessage(untouched, 'nope', (message) => message)).toBe(untouched);
  });
});
