import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { components } from '@/lib/api/schema';
import { api } from '@/lib/api-client';

type Schemas = components['schemas'];
export type Notification = Schemas['Notification'];
export type NotificationPage = Schemas['NotificationPage'];
export type NotificationKind = Schemas['NotificationKind'];
export type NotificationPreference = Schemas['Preference'];
export type NotificationPreferences = Schemas['Preferences'];
type MarkedRead = Schemas['MarkedRead'];

export const notificationsQueryKey = ['notifications'] as const;
const BELL_SIZE = 20;

/** The bell: the newest notifications and the unread count. A push from the server invalidates it (realtime bridge). */
export const bellQueryOptions = () =>
  queryOptions({
    queryKey: [...notificationsQueryKey, 'bell'],
    queryFn: ({ signal }) => api.get<NotificationPage>('/notifications', { query: { limit: BELL_SIZE }, signal }),
    // The socket keeps it current; a tab without it still catches up now and then.
    refetchInterval: 120_000,
  });

export const useBell = () => useQuery(bellQueryOptions());

/** Marks read and patches the bell at once (its number drops before the answer arrives). */
export function useMarkRead() {
  const queryClient = useQueryClient();
  const key = bellQueryOptions().queryKey;
  return useMutation({
    mutationFn: (id: string) => api.post<MarkedRead>(`/notifications/${id}/read`),
    onMutate: (id) => {
      queryClient.setQueryData<NotificationPage>(key, (page) => {
        if (!page) return page;
        const target = page.items.find((n) => n.id === id);
        if (!target || target.read_at) return page;
        const now = new Date().toISOString();
        return {
          ...page,
          unread: Math.max(0, page.unread - 1),
          items: page.items.map((n) => (n.id === id ? { ...n, read_at: now } : n)),
        };
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MarkedRead>('/notifications/read-all'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}

export const preferencesQueryKey = [...notificationsQueryKey, 'preferences'] as const;

export const useNotificationPreferences = () =>
  useQuery({
    queryKey: preferencesQueryKey,
    queryFn: ({ signal }) => api.get<NotificationPreferences>('/me/notification-preferences', { signal }),
  });

/** Saves the kinds given (the others keep their choice); the answer is the whole list. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) =>
      api.put<NotificationPreferences>('/me/notification-preferences', { items }),
    onSuccess: (saved) => queryClient.setQueryData(preferencesQueryKey, saved),
  });
}
