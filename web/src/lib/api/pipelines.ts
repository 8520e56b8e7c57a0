import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { Pipeline } from './models';

// The company's sales pipelines with their stages: shared code because the
// CRM and the automation editor ("Criar oportunidade") both read them, and
// features may not import each other.

export const pipelinesQueryKey = ['pipelines'] as const;

export const getPipelines = (signal?: AbortSignal) => api.get<Pipeline[]>('/pipelines', { signal });

export const pipelinesQueryOptions = () =>
  queryOptions({
    queryKey: pipelinesQueryKey,
    queryFn: ({ signal }) => getPipelines(signal),
    // A new company gets its default pipeline from a background job a moment
    // after signup: while the list is empty, ask again (for up to a minute).
    refetchInterval: (query) =>
      query.state.data?.length === 0 && query.state.dataUpdateCount < 60 ? 1000 : false,
  });

export const usePipelines = () => useQuery(pipelinesQueryOptions());
