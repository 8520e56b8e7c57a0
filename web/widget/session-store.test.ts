import { describe, expect, it } from 'vitest';

import { clearSession, loadSession, memoryStorage, nextSeq, saveSession, sessionKey } from './session-store';
import type { KeyValueStorage } from './session-store';

const CHANNEL = 'tenant-1.channel-1';

describe('session storage', () => {
  it('keeps the token per channel', () => {
    const storage = memoryStorage();
    saveSession(storage, CHANNEL, { token: 'abc', name: 'Ana', email: 'ana@x.com' });
    saveSession(storage, 'tenant-1.other', { token: 'other' });
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 'abc', name: 'Ana', email: 'ana@x.com' });
    expect(loadSession(storage, 'tenant-1.other')).toEqual({ token: 'other' });
    expect(storage.getItem(sessionKey(CHANNEL))).toContain('"abc"');
  });

  it('is empty when nothing, or something unreadable, is stored', () => {
    const storage = memoryStorage();
    expect(loadSession(storage, CHANNEL)).toBeNull();
    storage.setItem(sessionKey(CHANNEL), '{not json');
    expect(loadSession(storage, CHANNEL)).toBeNull();
    storage.setItem(sessionKey(CHANNEL), JSON.stringify({ token: 42 }));
    expect(loadSession(storage, CHANNEL)).toBeNull();
    storage.setItem(sessionKey(CHANNEL), JSON.stringify({ token: 't', name: 7 }));
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 't' });
  });

  it('keeps the message number and what was seen', () => {
    const storage = memoryStorage();
    saveSession(storage, CHANNEL, { token: 't', seq: 4, seenAt: '2026-12-07T12:00:00Z' });
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 't', seq: 4, seenAt: '2026-12-07T12:00:00Z' });
    storage.setItem(sessionKey(CHANNEL), JSON.stringify({ token: 't', seq: -1, seenAt: 'ontem' }));
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 't' });
  });

  it('numbers messages past the highest used by any tab of the site', () => {
    const storage = memoryStorage();
    expect(nextSeq(storage, CHANNEL, { token: 't' })).toBe(1);
    saveSession(storage, CHANNEL, { token: 't', seq: 9 });
    // This tab's copy is behind another tab's.
    expect(nextSeq(storage, CHANNEL, { token: 't', seq: 3 })).toBe(10);
    // Another session's numbers do not count.
    expect(nextSeq(storage, CHANNEL, { token: 'other', seq: 2 })).toBe(3);
  });

  it('forgets a session', () => {
    const storage = memoryStorage();
    saveSession(storage, CHANNEL, { token: 'abc' });
    clearSession(storage, CHANNEL);
    expect(loadSession(storage, CHANNEL)).toBeNull();
  });

  it('survives a storage that throws (blocked or full)', () => {
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    };
    expect(() => saveSession(broken, CHANNEL, { token: 'x' })).not.toThrow();
    expect(loadSession(broken, CHANNEL)).toBeNull();
    expect(() => clearSession(broken, CHANNEL)).not.toThrow();
  });

  it('works with window.localStorage', () => {
    saveSession(window.localStorage, CHANNEL, { token: 'persisted' });
    expect(loadSession(window.localStorage, CHANNEL)?.token).toBe('persisted');
  });
});
