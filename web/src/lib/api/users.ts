import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { User, UserPage } from './models';

// The company's people, whole, for pickers and for naming who did what
// ("responsável", mentions, transfers, team members, timelines). Shared code
// because the CRM and support both need the same list, and features may not
// import each other. Under the ['users'] prefix of the team pages, so the
// `user.updated` event and role changes refresh it too.
export const allUsersQueryKey = ['users', 'all'] as const;

/** Pages of 200; a company has far fewer people than that in practice, and ten pages stop a runaway loop. */
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

export const allUsersQueryOptions = () =>
  queryOptions({ queryKey: allUsersQueryKey, queryFn: ({ signal }) => getAllUsers(signal), staleTime: 5 * 60_000 });

export const useAllUsers = () => useQuery(allUsersQueryOptions());
