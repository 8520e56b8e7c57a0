import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import type { CustomField } from './models';

// The fields a company adds to its customers: shared code because the CRM
// and the automation editor (conditions, "Preencher campo personalizado")
// both read them, and features may not import each other.

export const customFieldsQueryKey = ['custom-fields'] as const;

export const getCustomFields = (signal?: AbortSignal) => api.get<CustomField[]>('/custom-fields', { signal });

export const customFieldsQueryOptions = () =>
  queryOptions({ queryKey: customFieldsQueryKey, queryFn: ({ signal }) => getCustomFields(signal), staleTime: 60_000 });

export const useCustomFields = () => useQuery(customFieldsQueryOptions());
