import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { InvoiceFilter, InvoicePage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { invoicesQueryKey } from './query-keys';

export const INVOICES_PAGE_SIZE = 30;

export const getInvoices = ({
  filters,
  cursor,
  limit = INVOICES_PAGE_SIZE,
  signal,
}: {
  filters: InvoiceFilter;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<InvoicePage>('/invoices', { query: { ...filters, limit, cursor }, signal });

export const invoicesInfiniteQueryOptions = (filters: InvoiceFilter, limit = INVOICES_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...invoicesQueryKey, 'list', filters, limit],
    queryFn: ({ pageParam, signal }) => getInvoices({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useInvoices = (filters: InvoiceFilter, limit?: number) => useInfiniteQuery(invoicesInfiniteQueryOptions(filters, limit));
