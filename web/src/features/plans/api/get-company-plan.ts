import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CompanyPlan } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const companyPlanQueryKey = ['company-plan'] as const;

export const getCompanyPlan = () => api.get<CompanyPlan>('/company/plan');

export const companyPlanQueryOptions = () => queryOptions({ queryKey: companyPlanQueryKey, queryFn: getCompanyPlan });

export const useCompanyPlan = () => useQuery(companyPlanQueryOptions());
