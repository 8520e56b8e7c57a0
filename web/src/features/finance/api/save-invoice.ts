import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ChargeMethod, CreateInvoiceRequest, Invoice, Payment, SentInvoice } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { invoiceQueryKey } from './get-invoice';
import { financeQueryKey, invoicesQueryKey } from './query-keys';

/** An invoice typed by hand: open at once, or a draft (`draft: true`) to issue later. */
export const createInvoice = (input: CreateInvoiceRequest) => api.post<Invoice>('/invoices', input);

/** Draft → open: payable, reminders scheduled. 409 when it is not a draft. */
export const issueInvoice = (id: string) => api.post<Invoice>(`/invoices/${id}/issue`);

/** 409 when paid or with payments (refund them first). */
export const cancelInvoice = ({ id, reason }: { id: string; reason: string }) => api.post<Invoice>(`/invoices/${id}/cancel`, { reason });

/** E-mails the PDF with the payment link (`to` defaults to the customer's first e-mail; none → 422 on `to`). */
export const sendInvoice = ({ id, to, idempotencyKey }: { id: string; to?: string | null; idempotencyKey: string }) =>
  api.post<SentInvoice>(`/invoices/${id}/send`, { to: to || null }, { headers: { 'Idempotency-Key': idempotencyKey } });

/** A charge at a gateway: card (Stripe Checkout) or PIX + boleto (Asaas). 409 without a gateway, 502 when it is down. */
export const chargeInvoice = ({ id, method }: { id: string; method: ChargeMethod }) =>
  api.post<Invoice>(`/invoices/${id}/charge`, { method });

/** Pays with the customer's credit, as far as it goes. */
export const applyCustomerCredit = (id: string) => api.post<Payment>(`/invoices/${id}/apply-credit`);

function useInvoiceSaved() {
  const queryClient = useQueryClient();
  return (invoice: Invoice) => {
    queryClient.setQueryData(invoiceQueryKey(invoice.id), invoice);
    void queryClient.invalidateQueries({ queryKey: [...invoicesQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...invoiceQueryKey(invoice.id), 'pix'] });
    void queryClient.invalidateQueries({ queryKey: [...financeQueryKey, 'reports'] });
  };
}

export function useCreateInvoice() {
  const saved = useInvoiceSaved();
  return useMutation({ mutationFn: createInvoice, onSuccess: saved });
}

export function useIssueInvoice() {
  const saved = useInvoiceSaved();
  return useMutation({ mutationFn: issueInvoice, onSuccess: saved });
}

export function useCancelInvoice() {
  const saved = useInvoiceSaved();
  return useMutation({ mutationFn: cancelInvoice, onSuccess: saved });
}

export function useChargeInvoice() {
  const saved = useInvoiceSaved();
  return useMutation({ mutationFn: chargeInvoice, onSuccess: saved });
}

export function useSendInvoice() {
  return useMutation({ mutationFn: sendInvoice });
}

/** Credit moves money between the customer's balance and the invoice: everything finance shows may change. */
export function useApplyCustomerCredit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: applyCustomerCredit,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: financeQueryKey }),
  });
}
