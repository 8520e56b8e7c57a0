import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { UserPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const USERS_PAGE_SIZE = 50;

export const usersQueryKey = ['users'] as const;

export const getUsers = ({ q, cursor, signal }: { q?: string; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<UserPage>('/users', { query: { limit: USERS_PAGE_SIZE, cursor, q }, signal });

export const usersInfiniteQueryOptions = (q: string) =>
  infiniteQueryOptions({
    queryKey: [...usersQueryKey, { q }],
    queryFn: ({ pageParam, signal }) => getUsers({ q, cursor: pageParam, signal }),
    ...cursorPagination,
  });

export const useUsers = (q: string) => useInfiniteQuery(usersInfiniteQueryOptions(q));
