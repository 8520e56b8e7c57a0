import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CompanyPlan } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const companyPlanQueryKey = ['company-plan'] as const;

export const getCompanyPlan = (signal?: AbortSignal) => api.get<CompanyPlan>('/company/plan', { signal });

export const companyPlanQueryOptions = () => queryOptions({ queryKey: companyPlanQueryKey, queryFn: ({ signal }) => getCompanyPlan(signal) });

export const useCompanyPlan = () => useQuery(companyPlanQueryOptions());
