import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { Subscription, SubscriptionFilter, SubscriptionPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { subscriptionsQueryKey } from './query-keys';

export const SUBSCRIPTIONS_PAGE_SIZE = 30;

export const getSubscriptions = ({
  filters,
  cursor,
  limit = SUBSCRIPTIONS_PAGE_SIZE,
  signal,
}: {
  filters: SubscriptionFilter;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<SubscriptionPage>('/subscriptions', { query: { ...filters, limit, cursor }, signal });

export const subscriptionsInfiniteQueryOptions = (filters: SubscriptionFilter, limit = SUBSCRIPTIONS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...subscriptionsQueryKey, 'list', filters, limit],
    queryFn: ({ pageParam, signal }) => getSubscriptions({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useSubscriptions = (filters: SubscriptionFilter, limit?: number) =>
  useInfiniteQuery(subscriptionsInfiniteQueryOptions(filters, limit));

export const subscriptionQueryKey = (id: string) => [...subscriptionsQueryKey, 'detail', id] as const;

export const getSubscription = (id: string, signal?: AbortSignal) => api.get<Subscription>(`/subscriptions/${id}`, { signal });

export const subscriptionQueryOptions = (id: string) =>
  queryOptions({ queryKey: subscriptionQueryKey(id), queryFn: ({ signal }) => getSubscription(id, signal) });

export const useSubscription = (id: string) => useQuery(subscriptionQueryOptions(id));
