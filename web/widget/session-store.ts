// The visitor's session, kept per channel in the host site's localStorage so
// the conversation survives page loads. Storage may be unavailable (blocked
// third-party storage, private modes): every access is guarded, and
// `safeStorage` falls back to memory for the page's lifetime.

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredSession {
  token: string;
  name?: string;
  email?: string;
  /** The last message number used (`seq`): the next message takes the one after. */
  seq?: number;
  /** `created_at` of the newest agent reply the visitor has seen: newer ones are unread, even after a reload. */
  seenAt?: string;
}

export const sessionKey = (channel: string) => `conectcrm.webchat.${channel}`;

export function loadSession(storage: KeyValueStorage, channel: string): StoredSession | null {
  let raw: string | null;
  try {
    raw = storage.getItem(sessionKey(channel));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return null;
    const { token, name, email, seq, seenAt } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || !token) return null;
    const session: StoredSession = { token };
    if (typeof name === 'string' && name) session.name = name;
    if (typeof email === 'string' && email) session.email = email;
    if (typeof seq === 'number' && Number.isInteger(seq) && seq > 0) session.seq = seq;
    if (typeof seenAt === 'string' && !Number.isNaN(Date.parse(seenAt))) session.seenAt = seenAt;
    return session;
  } catch {
    return null;
  }
}

export function saveSession(storage: KeyValueStorage, channel: string, session: StoredSession): void {
  try {
    storage.setItem(sessionKey(channel), JSON.stringify(session));
  } catch {
    // Quota or blocked storage: the session lasts as long as the page.
  }
}

/**
 * The next message number for this session: one past the highest used, here
 * or in another tab of the same site (they share the storage, and each keeps
 * its own copy of the session).
 */
export function nextSeq(storage: KeyValueStorage, channel: string, session: StoredSession): number {
  const stored = loadSession(storage, channel);
  const elsewhere = stored?.token === session.token ? (stored.seq ?? 0) : 0;
  return Math.max(session.seq ?? 0, elsewhere) + 1;
}

export function clearSession(storage: KeyValueStorage, channel: string): void {
  try {
    storage.removeItem(sessionKey(channel));
  } catch {
    // Nothing stored, nothing to clear.
  }
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** `window.localStorage` when it works, otherwise memory. */
export function safeStorage(): KeyValueStorage {
  try {
    const storage = window.localStorage;
    const probe = '__conectcrm_probe__';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return memoryStorage();
  }
}
