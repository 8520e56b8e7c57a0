import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { UploadedImport } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerImportsQueryKey } from './get-customer-imports';

/**
 * Sends the CSV as it is (the server detects UTF-8 or Latin-1 and `;` or
 * `,`); the answer has the columns, a preview and a suggested mapping.
 * Nothing is imported yet.
 */
export const uploadCustomerImport = (file: File) =>
  api.post<UploadedImport>('/customers/imports', undefined, {
    body: file,
    contentType: 'text/csv',
    query: { filename: file.name },
  });

export function useUploadCustomerImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCustomerImport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...customerImportsQueryKey, 'list'] }),
  });
}
