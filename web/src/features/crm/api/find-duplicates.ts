import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import type { DuplicateHint } from '@/lib/api/models';
import type { operations } from '@/lib/api/schema';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';

export type DuplicateQuery = NonNullable<operations['find_duplicates']['parameters']['query']>;

export const findDuplicates = (query: DuplicateQuery, signal?: AbortSignal) =>
  api.get<DuplicateHint[]>('/customers/duplicates', { query, signal });

export const duplicatesQueryOptions = (query: DuplicateQuery) =>
  queryOptions({
    queryKey: [...customersQueryKey, 'duplicates', query],
    queryFn: ({ signal }) => findDuplicates(query, signal),
    staleTime: 10_000,
  });

/** For the form's blur handlers: asks once per value (cached briefly); a failure is no warning. */
export function useDuplicateCheck() {
  const queryClient = useQueryClient();
  return useCallback(
    async (query: DuplicateQuery): Promise<DuplicateHint[]> => {
      try {
        return await queryClient.fetchQuery(duplicatesQueryOptions(query));
      } catch {
        return [];
      }
    },
    [queryClient],
  );
}
