import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Plan } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const plansQueryKey = ['plans'] as const;

export const getPlans = (signal?: AbortSignal) => api.get<Plan[]>('/plans', { signal });

export const plansQueryOptions = () => queryOptions({ queryKey: plansQueryKey, queryFn: ({ signal }) => getPlans(signal), staleTime: 10 * 60_000 });

export const usePlans = () => useQuery(plansQueryOptions());
