import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CustomerDetail } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';

export const customerQueryKey = (id: string) => [...customersQueryKey, 'detail', id] as const;

// The ETag is `"<version>"`; the body carries the same `version`, which the
// edit form sends back in If-Match.
export const getCustomer = (id: string, signal?: AbortSignal) => api.get<CustomerDetail>(`/customers/${id}`, { signal });

export const customerQueryOptions = (id: string) =>
  queryOptions({ queryKey: customerQueryKey(id), queryFn: ({ signal }) => getCustomer(id, signal) });

export const useCustomer = (id: string) => useQuery(customerQueryOptions(id));
