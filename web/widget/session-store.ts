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
    const { token, name, email } = parsed as Record<string, unknown>;
    if (typeof token !== 'string' || !token) return null;
    const session: StoredSession = { token };
    if (typeof name === 'string' && name) session.name = name;
    if (typeof email === 'string' && email) session.email = email;
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
