import { queryOptions, useQuery } from '@tanstack/react-query';

import type { User, UserPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

// The company's people, for "responsável" pickers and for naming who did
// what in the timeline. Under the same ['users'] prefix as the team pages, so
// the `user.updated` event refreshes it too.
export const crmUsersQueryKey = ['users', 'crm-options'] as const;

export const getAllUsers = async (signal?: AbortSignal): Promise<User[]> => {
  const users: User[] = [];
  let cursor: string | null | undefined = null;
  // Pages of 200; a company has far fewer people than that in practice.
  for (let page = 0; page < 10; page += 1) {
    const result: UserPage = await api.get<UserPage>('/users', { query: { limit: 200, cursor }, signal });
    users.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return users;
};

export const crmUsersQueryOptions = () =>
  queryOptions({ queryKey: crmUsersQueryKey, queryFn: ({ signal }) => getAllUsers(signal), staleTime: 5 * 60_000 });

export const useCrmUsers = () => useQuery(crmUsersQueryOptions());
