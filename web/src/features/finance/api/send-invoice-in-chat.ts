import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { InvoiceInChatRequest, Message } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { invoicesQueryKey } from './query-keys';

/**
 * "Enviar no chat": the server sends into the conversation, through its
 * channel, the amount due today, the payment page's link and the PIX copia e
 * cola; answers the message it queued (201), shown as a card. Past
 * WhatsApp's 24-hour window the channel's approved template goes
 * (`config.templates.invoice`); 409 when the ticket is closed or, past the
 * window, the channel names none; 422 on
 * `invoice_id` (another customer's, not found, or not open any more).
 */
export const sendInvoiceInChat = ({ ticketId, invoiceId }: { ticketId: string; invoiceId: string }) => {
  const body: InvoiceInChatRequest = { invoice_id: invoiceId };
  return api.post<Message>(`/tickets/${ticketId}/invoices`, body);
};

export function useSendInvoiceInChat() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendInvoiceInChat,
    // A refusal on `invoice_id` may mean it was paid meanwhile: read the list again either way.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: invoicesQueryKey });
    },
  });
}
