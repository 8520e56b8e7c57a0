import { infiniteQueryOptions, keepPreviousData, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';

import { cursorPagination } from '@/lib/api/cursor';
import type { ListFilters, ProductPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const PRODUCTS_PAGE_SIZE = 50;

export const productsQueryKey = ['products'] as const;

export type ProductFilters = ListFilters<'list_products'>;

export const getProducts = ({ filters, cursor, signal }: { filters: ProductFilters; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<ProductPage>('/products', { query: { ...filters, limit: PRODUCTS_PAGE_SIZE, cursor }, signal });

export const productsInfiniteQueryOptions = (filters: ProductFilters) =>
  infiniteQueryOptions({
    queryKey: [...productsQueryKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => getProducts({ filters, cursor: pageParam, signal }),
    ...cursorPagination,
    placeholderData: keepPreviousData,
  });

export const useProducts = (filters: ProductFilters) => useInfiniteQuery(productsInfiniteQueryOptions(filters));

/** The active products that best match `q`, for the item rows of proposals and contracts. */
export const productSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: [...productsQueryKey, 'search', q],
    queryFn: ({ signal }) =>
      api.get<ProductPage>('/products', { query: { q: q || undefined, active: true, limit: 8 }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export const useProductSearch = (q: string, enabled = true) => useQuery({ ...productSearchQueryOptions(q), enabled });

/** Whether the catalogue has an active product (one row asked): the setup guide's "Cadastrar produtos". */
export const hasProductsQueryOptions = () =>
  queryOptions({
    queryKey: [...productsQueryKey, 'any'],
    queryFn: async ({ signal }) => (await api.get<ProductPage>('/products', { query: { active: true, limit: 1 }, signal })).items.length > 0,
  });

export const useHasProducts = (enabled = true) => useQuery({ ...hasProductsQueryOptions(), enabled });
