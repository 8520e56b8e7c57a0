import { describe, expect, it } from 'vitest';

import { clearSession, loadSession, memoryStorage, saveSession, sessionKey } from './session-store';
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
