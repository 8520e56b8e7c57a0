import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/lib/api/schema';
import { api } from '@/lib/api-client';

export type LoginSession = components['schemas']['LoginSession'];
export type LoginSessions = components['schemas']['LoginSessions'];
export type EndedSessions = components['schemas']['EndedSessions'];

// Not under ['me']: invalidating the current user (a company rename) need not read the logins again.
export const sessionsQueryKey = ['profile', 'sessions'] as const;

export const getSessions = (signal?: AbortSignal) => api.get<LoginSessions>('/me/sessions', { signal });

export const endSession = (id: string) => api.delete(`/me/sessions/${encodeURIComponent(id)}`);

export const endOtherSessions = () => api.delete<EndedSessions>('/me/sessions');

export const sessionsQueryOptions = () =>
  queryOptions({ queryKey: sessionsQueryKey, queryFn: ({ signal }) => getSessions(signal) });

export const useSessions = () => useQuery(sessionsQueryOptions());

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSuccess: (_, id) => {
      queryClient.setQueryData<LoginSessions>(sessionsQueryKey, (list) =>
        list ? { items: list.items.filter((session) => session.id !== id) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });
}

/** "Sair de todos os outros dispositivos": every login but this one. */
export function useEndOtherSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endOtherSessions,
    onSuccess: () => {
      queryClient.setQueryData<LoginSessions>(sessionsQueryKey, (list) =>
        list ? { items: list.items.filter((session) => session.current) } : list,
      );
      void queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
    },
  });
}
