import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Company } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const companyQueryKey = ['company'] as const;

export const getCompany = (signal?: AbortSignal) => api.get<Company>('/company', { signal });

export const companyQueryOptions = () => queryOptions({ queryKey: companyQueryKey, queryFn: ({ signal }) => getCompany(signal) });

export const useCompany = () => useQuery(companyQueryOptions());
