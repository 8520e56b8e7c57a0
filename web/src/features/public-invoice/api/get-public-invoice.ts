import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import { env } from '@/config/env';
import type { CardCheckout, PublicInvoice } from '@/lib/api/models';
import { api } from '@/lib/api-client';

// No login: only the unguessable token of the link
// (`<tenant>.<invoice>.<mac>`). A wrong, other company's or draft invoice's
// token is a plain 404.

export const publicInvoiceQueryKey = (token: string) => ['public-invoice', token] as const;

export const getPublicInvoice = (token: string, signal?: AbortSignal) =>
  api.get<PublicInvoice>(`/public/invoices/${encodeURIComponent(token)}`, { auth: false, signal });

export const publicInvoiceQueryOptions = (token: string) =>
  queryOptions({
    queryKey: publicInvoiceQueryKey(token),
    queryFn: ({ signal }) => getPublicInvoice(token, signal),
  });

export const usePublicInvoice = (token: string) => useQuery(publicInvoiceQueryOptions(token));

/** A plain link: the public PDF needs no header. */
export const publicInvoicePdfUrl = (token: string) => `${env.API_URL}/public/invoices/${encodeURIComponent(token)}/pdf`;

/** Opens a Stripe Checkout for what is due today; the page then goes to its URL. */
export const payPublicInvoiceByCard = (token: string) =>
  api.post<CardCheckout>(`/public/invoices/${encodeURIComponent(token)}/card`, undefined, { auth: false });

export function usePayPublicInvoiceByCard() {
  return useMutation({ mutationFn: payPublicInvoiceByCard });
}
