import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Payment, RefundRequest, RegisterPaymentRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { financeQueryKey } from './query-keys';

/**
 * Money received, settling the given invoices in order (or the customer's
 * open ones, oldest first); what is left becomes customer credit. The
 * `Idempotency-Key` makes a retry of the same submission register nothing twice.
 */
export const registerPayment = ({ input, idempotencyKey }: { input: RegisterPaymentRequest; idempotencyKey: string }) =>
  api.post<Payment>('/payments', input, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Gives money back, fully (no amount) or in part; never more than received and not yet refunded. */
export const refundPayment = ({ id, input, idempotencyKey }: { id: string; input: RefundRequest; idempotencyKey: string }) =>
  api.post<Payment>(`/payments/${id}/refund`, input, { headers: { 'Idempotency-Key': idempotencyKey } });

/** A payment held for review (its amount did not match) is applied to its invoice. */
export const acceptPayment = (id: string) => api.post<Payment>(`/payments/${id}/accept`);

// A payment changes invoices, credit, the customer's balance and the
// dashboard: refresh everything finance shows.
function useFinanceChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: financeQueryKey });
}

export function useRegisterPayment() {
  const changed = useFinanceChanged();
  return useMutation({ mutationFn: registerPayment, onSuccess: changed });
}

export function useRefundPayment() {
  const changed = useFinanceChanged();
  return useMutation({ mutationFn: refundPayment, onSuccess: changed });
}

export function useAcceptPayment() {
  const changed = useFinanceChanged();
  return useMutation({ mutationFn: acceptPayment, onSuccess: changed });
}
