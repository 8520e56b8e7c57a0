import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import type { TopicTrends } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { topicTrendsQueryKey } from './query-keys';

/** Tickets opened in the last `days` by category against the period before, and the words rising in each (owners, admins, managers, agents). */
export const getTopicTrends = (days: number, signal?: AbortSignal) => api.get<TopicTrends>('/insights/topics', { query: { days }, signal });

export const topicTrendsQueryOptions = (days: number) =>
  queryOptions({ queryKey: topicTrendsQueryKey(days), queryFn: ({ signal }) => getTopicTrends(days, signal), staleTime: 60_000 });

// Switching periods keeps the last report on screen until the next one arrives.
export const useTopicTrends = (days: number) => useQuery({ ...topicTrendsQueryOptions(days), placeholderData: keepPreviousData });
