import { useMutation } from '@tanstack/react-query';

import { api } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';

import type { CustomerFilters } from './get-customers';

/** The CSV of the current filter (with the bearer token, so not a plain link). */
export const exportCustomers = (filters: CustomerFilters) =>
  api.get<Blob>('/customers/export.csv', { query: filters, responseType: 'blob' });

export function useExportCustomers() {
  return useMutation({
    mutationFn: exportCustomers,
    onSuccess: (blob) => saveBlob(blob, `clientes-${new Date().toISOString().slice(0, 10)}.csv`),
  });
}
