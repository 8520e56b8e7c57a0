import { queryOptions, useQuery } from '@tanstack/react-query';

import type { User, UserPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { supportUsersQueryKey } from './query-keys';

// The company's people: mentions in notes, transfers, team members.
export const getAllUsers = async (signal?: AbortSignal): Promise<User[]> => {
  const users: User[] = [];
  let cursor: string | null | undefined = null;
  for (let page = 0; page < 10; page += 1) {
    const result: UserPage = await api.get<UserPage>('/users', { query: { limit: 200, cursor }, signal });
    users.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return users;
};

export const supportUsersQueryOptions = () =>
  queryOptions({ queryKey: supportUsersQueryKey, queryFn: ({ signal }) => getAllUsers(signal), staleTime: 5 * 60_000 });

export const useSupportUsers = () => useQuery(supportUsersQueryOptions());
