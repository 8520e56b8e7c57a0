import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { CustomerCredit, PaymentFilter, PaymentPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerCreditQueryKey, paymentsQueryKey } from './query-keys';

export const PAYMENTS_PAGE_SIZE = 30;

export const getPayments = ({
  filters,
  cursor,
  limit = PAYMENTS_PAGE_SIZE,
  signal,
}: {
  filters: PaymentFilter;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<PaymentPage>('/payments', { query: { ...filters, limit, cursor }, signal });

export const paymentsInfiniteQueryOptions = (filters: PaymentFilter, limit = PAYMENTS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...paymentsQueryKey, 'list', filters, limit],
    queryFn: ({ pageParam, signal }) => getPayments({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const usePayments = (filters: PaymentFilter, limit?: number) => useInfiniteQuery(paymentsInfiniteQueryOptions(filters, limit));

/** The customer's credit balance (overpayments), in cents. */
export const getCustomerCredit = (customerId: string, signal?: AbortSignal) =>
  api.get<CustomerCredit>(`/customers/${customerId}/credit`, { signal });

export const customerCreditQueryOptions = (customerId: string) =>
  queryOptions({ queryKey: customerCreditQueryKey(customerId), queryFn: ({ signal }) => getCustomerCredit(customerId, signal) });

export const useCustomerCredit = (customerId: string, enabled = true) => useQuery({ ...customerCreditQueryOptions(customerId), enabled });
