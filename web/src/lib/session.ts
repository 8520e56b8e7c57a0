import { create } from 'zustand';

import type { TokenPair } from './api/models';

// The access token lives in memory only (never in storage, so a script that
// reads storage gets nothing that opens the API by itself for long); the
// refresh token is kept in localStorage so a reload or a new tab keeps the
// user signed in. The refresh token is read from storage each time it is
// used: another tab may have rotated it.
export const REFRESH_TOKEN_KEY = 'conectcrm.refresh_token';

type SessionState = {
  accessToken: string | null;
  /** Epoch milliseconds after which the access token should be refreshed. */
  accessExpiresAt: number | null;
  /** True while a refresh token is stored: the user counts as signed in. */
  hasSession: boolean;
  /** Why the last session ended: a chosen logout goes to a plain login page, an expiry remembers where the user was. */
  endedBy: 'logout' | 'expired' | null;
  /** Bumped when someone signs in (not on refresh): per-user resources such as the socket restart. */
  generation: number;
  /** A new sign-in: login, signup or an accepted invitation. */
  start: (pair: TokenPair) => void;
  /** A renewed pair for the same session. */
  setTokens: (pair: TokenPair) => void;
  clear: (reason?: 'logout' | 'expired') => void;
};

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode): the session lasts one page
  }
}

export function readRefreshToken(): string | null {
  return storage()?.getItem(REFRESH_TOKEN_KEY) ?? null;
}

export const useSession = create<SessionState>()((set, get) => ({
  accessToken: null,
  accessExpiresAt: null,
  hasSession: readRefreshToken() !== null,
  endedBy: null,
  generation: 0,
  start: (pair) => {
    get().setTokens(pair);
    set((state) => ({ generation: state.generation + 1 }));
  },
  setTokens: (pair) => {
    storage()?.setItem(REFRESH_TOKEN_KEY, pair.refresh_token);
    set({
      accessToken: pair.access_token,
      // Renew a little before the server would refuse it.
      accessExpiresAt: Date.now() + Math.max(0, pair.expires_in - 15) * 1000,
      hasSession: true,
      endedBy: null,
    });
  },
  clear: (reason = 'expired') => {
    storage()?.removeItem(REFRESH_TOKEN_KEY);
    set({ accessToken: null, accessExpiresAt: null, hasSession: false, endedBy: reason });
  },
}));

// Signing out in one tab signs out the others.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_TOKEN_KEY && event.newValue === null) {
      useSession.setState({ accessToken: null, accessExpiresAt: null, hasSession: false, endedBy: 'logout' });
    }
  });
}

export const getAccessToken = () => useSession.getState().accessToken;
