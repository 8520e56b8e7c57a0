import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { CustomerPage, CustomerSort, CustomerStatus } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const CUSTOMERS_PAGE_SIZE = 50;

/** Every customer query (lists, pickers, details, timelines) starts with this. */
export const customersQueryKey = ['customers'] as const;

export type CustomerFilters = {
  q?: string;
  status?: CustomerStatus | '';
  tag?: string;
  owner_id?: string;
  sort?: CustomerSort;
  /** Custom field filter `key:value`. */
  field?: string;
};

export const getCustomers = ({
  filters,
  cursor,
  limit = CUSTOMERS_PAGE_SIZE,
  signal,
}: {
  filters: CustomerFilters;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<CustomerPage>('/customers', { query: { ...filters, limit, cursor }, signal });

export const customersInfiniteQueryOptions = (filters: CustomerFilters) =>
  infiniteQueryOptions({
    queryKey: [...customersQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => getCustomers({ filters, cursor: pageParam, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useCustomers = (filters: CustomerFilters) => useInfiniteQuery(customersInfiniteQueryOptions(filters));

/** A short list for pickers (new opportunity, merge): the best matches by name. */
export const customerSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: [...customersQueryKey, 'search', q],
    queryFn: ({ signal }) => getCustomers({ filters: { q: q || undefined, sort: q ? undefined : 'recent' }, limit: 10, signal }),
    placeholderData: keepPreviousData,
  });

export const useCustomerSearch = (q: string, enabled = true) => useQuery({ ...customerSearchQueryOptions(q), enabled });
