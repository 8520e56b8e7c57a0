import { describe, expect, it } from 'vitest';

import { conversationRows, estimateRowHeight } from './conversation-rows';
import { makeMessage } from './test-fixtures';

describe('conversationRows', () => {
  it('keys rows by message and marks the first message of each day', () => {
    const rows = conversationRows([
      makeMessage({ id: 'a', created_at: '2026-11-02T12:00:00' }),
      makeMessage({ id: 'b', created_at: '2026-11-02T13:00:00' }),
      makeMessage({ id: 'c', created_at: '2026-11-03T09:00:00' }),
    ]);
    expect(rows.map((row) => [row.key, row.day !== null])).toEqual([
      ['a', true],
      ['b', false],
      ['c', true],
    ]);
  });

  it('keeps a message’s key when older ones are prepended', () => {
    const later = makeMessage({ id: 'b', created_at: '2026-11-02T13:00:00' });
    const before = conversationRows([later]);
    const after = conversationRows([makeMessage({ id: 'a', created_at: '2026-11-02T12:00:00' }), later]);
    expect(before[0].key).toBe('b');
    expect(after[1].key).toBe('b');
    expect(after[1].day).toBeNull();
  });

  it('guesses taller rows for e-mails, images and failures', () => {
    const [plain] = conversationRows([makeMessage({ text: 'oi' })]);
    const [email] = conversationRows([makeMessage({ html: '<p>oi</p>' })]);
    expect(estimateRowHeight(email)).toBeGreaterThan(estimateRowHeight(plain));
  });
});
