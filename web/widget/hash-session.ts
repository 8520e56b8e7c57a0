// The e-mail digest links a visitor back to their conversation from any
// browser: https://<host>/webchat/<channel>#conversa=<token>, our own hosted
// page, whose tag has data-session-from-hash="true". The token is taken only
// when the page is on the script's own origin: on a customer's site the same
// attribute would let a crafted link put a visitor into someone else's
// session (and show that person what the visitor types).
import { loadSession, saveSession } from './session-store';
import type { KeyValueStorage } from './session-store';

const HASH_KEY = 'conversa';

export interface HashSessionInput {
  location: Pick<Location, 'origin' | 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  scriptOrigin: string;
  storage: KeyValueStorage;
  channel: string;
}

export function tokenFromHash(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get(HASH_KEY)?.trim();
  return token || null;
}

/** Stores the link's session for this channel and takes the token out of the address bar; whether it did. */
export function adoptSessionFromHash({ location, history, scriptOrigin, storage, channel }: HashSessionInput): boolean {
  if (location.origin !== scriptOrigin) return false;
  const token = tokenFromHash(location.hash);
  if (!token) return false;
  // The same conversation keeps what this browser knew of it (name, seq, what was seen).
  if (loadSession(storage, channel)?.token !== token) saveSession(storage, channel, { token });
  // Out of the address bar (and of what is copied or bookmarked from it).
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return true;
}
