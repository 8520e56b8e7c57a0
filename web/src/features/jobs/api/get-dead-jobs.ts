import { queryOptions, useQuery } from '@tanstack/react-query';

import type { DeadJobPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

/** The most the API lists at once. */
export const DEAD_JOBS_LIMIT = 200;

export const deadJobsQueryKey = ['dead-jobs'] as const;

/** Background tasks of the company that failed every attempt, newest first (owner/admin). */
export const getDeadJobs = (signal?: AbortSignal) =>
  api.get<DeadJobPage>('/jobs/dead', { query: { limit: DEAD_JOBS_LIMIT }, signal });

export const deadJobsQueryOptions = () =>
  queryOptions({ queryKey: deadJobsQueryKey, queryFn: ({ signal }) => getDeadJobs(signal) });

export const useDeadJobs = () => useQuery(deadJobsQueryOptions());
