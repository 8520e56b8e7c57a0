import { queryOptions, useQuery } from '@tanstack/react-query';

import type { User } from '@/lib/api/models';
import { api } from '@/lib/api-client';

// A photo needs the bearer token, so an <img src="/api/..."> cannot load it:
// it is fetched as a blob and shown through an object URL. One URL is kept
// per person; the previous one is released when a new photo arrives.
const currentUrls = new Map<string, string>();

async function getUserAvatarUrl(userId: string, signal: AbortSignal): Promise<string> {
  const blob = await api.get<Blob>(`/users/${encodeURIComponent(userId)}/avatar`, { responseType: 'blob', signal });
  const url = URL.createObjectURL(blob);
  const previous = currentUrls.get(userId);
  if (previous) URL.revokeObjectURL(previous);
  currentUrls.set(userId, url);
  return url;
}

/** Keyed by `avatar_id`: a new photo has a new id, so it is fetched again. Not under ['users'], which the lists invalidate. */
export const userAvatarQueryOptions = (userId: string, avatarId: string) =>
  queryOptions({
    queryKey: ['avatar', userId, avatarId] as const,
    queryFn: ({ signal }) => getUserAvatarUrl(userId, signal),
    staleTime: Infinity,
    retry: false,
  });

/** The photo's object URL; nothing to fetch for a person without one. */
export function useUserAvatar(user: Pick<User, 'id'> & { avatar_id?: string | null }) {
  const avatarId = user.avatar_id ?? '';
  return useQuery({
    ...userAvatarQueryOptions(user.id, avatarId),
    enabled: avatarId !== '',
    // A new photo of the same person: the old one stays until the new one arrives (never another person's).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === user.id ? previous : undefined),
  });
}
