import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { CustomerImport } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { isImportInProgress } from '../utils/customer-import';

import { customerImportsQueryKey } from './get-customer-imports';
import { customersQueryKey } from './get-customers';

/** How often a queued or running import is asked for its progress. */
export const IMPORT_POLL_MS = 1000;

export const customerImportQueryKey = (id: string) => [...customerImportsQueryKey, 'detail', id] as const;

export const getCustomerImport = (id: string, signal?: AbortSignal) =>
  api.get<CustomerImport>(`/customers/imports/${encodeURIComponent(id)}`, { signal });

/** Polls every second while the import is queued or running, then stops. */
export const customerImportQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerImportQueryKey(id),
    queryFn: ({ signal }) => getCustomerImport(id, signal),
    refetchInterval: (query) => (query.state.data && isImportInProgress(query.state.data.status) ? IMPORT_POLL_MS : false),
  });

/**
 * One import, followed until it ends. When it ends the customer lists and
 * the history are refreshed (created and updated customers show up).
 */
export function useCustomerImport(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery(customerImportQueryOptions(id));
  const status = query.data?.status;
  const finished = status === 'done' || status === 'failed';
  useEffect(() => {
    if (!finished) return;
    void queryClient.invalidateQueries({ queryKey: customersQueryKey });
    void queryClient.invalidateQueries({ queryKey: [...customerImportsQueryKey, 'list'] });
  }, [finished, queryClient]);
  return query;
}
