import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useCallback } from 'react';

import type { Me, TokenPair } from './api/models';
import { api } from './api-client';
import { readRefreshToken, useSession } from './session';

// The signed-in user is shared by every feature (navigation, role checks), so
// it lives here rather than in a feature folder.

export const meQueryKey = ['me'] as const;

export const getMe = () => api.get<Me>('/me');

export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 60_000,
  });

/** The current user and company; only inside the authenticated shell, which loads them first. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions()).data;
}

/** Stores a fresh token pair (login, signup, accepted invitation) and forgets the previous user's data. */
export function useStartSession() {
  const queryClient = useQueryClient();
  return useCallback(
    (pair: TokenPair) => {
      queryClient.removeQueries();
      useSession.getState().start(pair);
    },
    [queryClient],
  );
}

/** Revokes the refresh token on the server (best effort) and clears everything local. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const refreshToken = readRefreshToken();
    useSession.getState().clear('logout');
    queryClient.clear();
    if (refreshToken) {
      try {
        await api.post<void>('/auth/logout', { refresh_token: refreshToken }, { auth: false });
      } catch {
        // Already signed out locally; an unreachable server must not keep the user in.
      }
    }
  }, [queryClient]);
}
