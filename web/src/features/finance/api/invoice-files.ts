import { useMutation } from '@tanstack/react-query';

import type { InvoiceFilter } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { saveBlob } from '@/lib/download';

// PDF and CSV need the bearer token, so they cannot be plain links: fetched
// as blobs and saved as files.

export const getInvoicePdf = (id: string) => api.get<Blob>(`/invoices/${id}/pdf`, { responseType: 'blob' });

export function useDownloadInvoicePdf() {
  return useMutation({
    mutationFn: ({ id }: { id: string; label: string }) => getInvoicePdf(id),
    onSuccess: (blob, { label }) => saveBlob(blob, `${label}.pdf`),
  });
}

/** The CSV of the current filter. */
export const exportInvoices = (filters: InvoiceFilter) =>
  api.get<Blob>('/invoices/export.csv', { query: filters, responseType: 'blob' });

export function useExportInvoices() {
  return useMutation({
    mutationFn: exportInvoices,
    onSuccess: (blob) => saveBlob(blob, `faturas-${new Date().toISOString().slice(0, 10)}.csv`),
  });
}
