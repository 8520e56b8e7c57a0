import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CustomerImport } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { isImportInProgress } from '../utils/customer-import';

/** Every customer-import query starts with this. */
export const customerImportsQueryKey = ['customer-imports'] as const;

/** The company's recent imports, newest first. */
export const getCustomerImports = (signal?: AbortSignal) => api.get<CustomerImport[]>('/customers/imports', { signal });

export const customerImportsQueryOptions = () =>
  queryOptions({
    queryKey: [...customerImportsQueryKey, 'list'],
    queryFn: ({ signal }) => getCustomerImports(signal),
    // Follows imports still running (another tab, another person).
    refetchInterval: (query) => (query.state.data?.some((item) => isImportInProgress(item.status)) ? 3000 : false),
  });

export const useCustomerImports = () => useQuery(customerImportsQueryOptions());
