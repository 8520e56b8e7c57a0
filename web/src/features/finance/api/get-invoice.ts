import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Invoice, PixCharge, PublicLink } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { invoicesQueryKey } from './query-keys';

export const invoiceQueryKey = (id: string) => [...invoicesQueryKey, 'detail', id] as const;

export const getInvoice = (id: string, signal?: AbortSignal) => api.get<Invoice>(`/invoices/${id}`, { signal });

export const invoiceQueryOptions = (id: string) =>
  queryOptions({ queryKey: invoiceQueryKey(id), queryFn: ({ signal }) => getInvoice(id, signal) });

export const useInvoice = (id: string) => useQuery(invoiceQueryOptions(id));

/**
 * PIX copia e cola and QR code for what is due today. 409 when the company
 * has no PIX key (the detail says where to set it) or nothing is due.
 * Keyed by what is due, so a payment brings a new code.
 */
export const getInvoicePix = (id: string, signal?: AbortSignal) => api.get<PixCharge>(`/invoices/${id}/pix`, { signal });

export const invoicePixQueryOptions = (id: string, amountDueCents: number) =>
  queryOptions({
    queryKey: [...invoiceQueryKey(id), 'pix', amountDueCents],
    queryFn: ({ signal }) => getInvoicePix(id, signal),
  });

export const useInvoicePix = (id: string, amountDueCents: number, enabled = true) =>
  useQuery({ ...invoicePixQueryOptions(id, amountDueCents), enabled });

/** The customer's payment page (stable: the same link every time). */
export const getInvoiceLink = (id: string) => api.get<PublicLink>(`/invoices/${id}/link`);

export const invoiceLinkQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...invoiceQueryKey(id), 'link'], queryFn: () => getInvoiceLink(id), staleTime: Infinity });
