import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { TimelinePage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';

export const TIMELINE_PAGE_SIZE = 20;

export const timelineQueryKey = (customerId: string) => [...customersQueryKey, 'timeline', customerId] as const;

/** Newest first. */
export const getTimeline = ({ customerId, cursor, signal }: { customerId: string; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<TimelinePage>(`/customers/${customerId}/timeline`, { query: { limit: TIMELINE_PAGE_SIZE, cursor }, signal });

export const timelineInfiniteQueryOptions = (customerId: string) =>
  infiniteQueryOptions({
    queryKey: timelineQueryKey(customerId),
    queryFn: ({ pageParam, signal }) => getTimeline({ customerId, cursor: pageParam, signal }),
    ...cursorPagination,
  });

export const useTimeline = (customerId: string) => useInfiniteQuery(timelineInfiniteQueryOptions(customerId));
