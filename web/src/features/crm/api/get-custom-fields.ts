import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CustomField } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const customFieldsQueryKey = ['custom-fields'] as const;

export const getCustomFields = (signal?: AbortSignal) => api.get<CustomField[]>('/custom-fields', { signal });

export const customFieldsQueryOptions = () =>
  queryOptions({ queryKey: customFieldsQueryKey, queryFn: ({ signal }) => getCustomFields(signal), staleTime: 60_000 });

export const useCustomFields = () => useQuery(customFieldsQueryOptions());
