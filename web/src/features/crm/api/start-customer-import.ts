import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { CustomerImport, StartImportRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerImportQueryKey } from './get-customer-import';
import { customerImportsQueryKey } from './get-customer-imports';

/** Starts the import (a background job); 409 when it was already started. */
export const startCustomerImport = ({ id, ...input }: StartImportRequest & { id: string }) =>
  api.post<CustomerImport>(`/customers/imports/${encodeURIComponent(id)}/start`, input);

export function useStartCustomerImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startCustomerImport,
    onSuccess: (started) => {
      queryClient.setQueryData(customerImportQueryKey(started.id), started);
      void queryClient.invalidateQueries({ queryKey: [...customerImportsQueryKey, 'list'] });
    },
  });
}
