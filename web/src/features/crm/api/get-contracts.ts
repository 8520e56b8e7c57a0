import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { ContractPage, ListFilters } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const CONTRACTS_PAGE_SIZE = 30;

/** Every contract query starts with this. */
export const contractsQueryKey = ['contracts'] as const;

/** Title, customer name or number (CT-0003); status; customer. */
export type ContractFilters = ListFilters<'list_contracts'>;

export const getContracts = ({
  filters,
  cursor,
  limit = CONTRACTS_PAGE_SIZE,
  signal,
}: {
  filters: ContractFilters;
  cursor?: string | null;
  limit?: number;
  signal?: AbortSignal;
}) => api.get<ContractPage>('/contracts', { query: { ...filters, limit, cursor }, signal });

export const contractsInfiniteQueryOptions = (filters: ContractFilters, limit = CONTRACTS_PAGE_SIZE) =>
  infiniteQueryOptions({
    queryKey: [...contractsQueryKey, 'list', filters, limit],
    queryFn: ({ pageParam, signal }) => getContracts({ filters, cursor: pageParam, limit, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useContracts = (filters: ContractFilters, limit?: number) =>
  useInfiniteQuery(contractsInfiniteQueryOptions(filters, limit));
