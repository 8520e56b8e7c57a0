import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Plan } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const getPlans = () => api.get<Plan[]>('/plans');

export const plansQueryOptions = () => queryOptions({ queryKey: ['plans'], queryFn: getPlans, staleTime: 10 * 60_000 });

export const usePlans = () => useQuery(plansQueryOptions());
