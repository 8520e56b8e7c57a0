import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Company } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const companyQueryKey = ['company'] as const;

export const getCompany = () => api.get<Company>('/company');

export const companyQueryOptions = () => queryOptions({ queryKey: companyQueryKey, queryFn: getCompany });

export const useCompany = () => useQuery(companyQueryOptions());
