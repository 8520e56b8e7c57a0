import { useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Message } from '@/lib/api/models';
import { formatIsoDate, formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useCustomerOpenInvoices } from '../api/get-customer-open-invoices';
import { useSendInvoiceInChat } from '../api/send-invoice-in-chat';

import { InvoiceStatusBadge } from './status-badges';

/** "Enviar no chat" refused: the field's message (422), else the problem's detail (409: closed ticket, WhatsApp window without an approved template). */
function sendError(error: unknown): string {
  if (isApiError(error) && error.fieldErrors.length > 0) return error.fieldErrors.map((item) => item.message).join(' ');
  return problemMessage(error, { 403: 'Só proprietário, administrador ou gerente enviam faturas na conversa.' });
}

/**
 * "Faturas em aberto" in the inbox's "Vendas" block: the invoices of the
 * ticket's customer that can still be paid, each with "Enviar no chat" (the
 * amount due today, the payment page and the PIX copia e cola).
 * `onSentInChat` puts the sent message into the conversation.
 */
export function TicketInvoices({
  ticketId,
  customerId,
  onSentInChat,
}: {
  ticketId: string;
  customerId: string;
  onSentInChat?: (message: Message) => void;
}) {
  const invoices = useCustomerOpenInvoices(customerId);
  const send = useSendInvoiceInChat();
  const [sentId, setSentId] = useState<string | null>(null);
  const sending = send.isPending ? send.variables?.invoiceId : undefined;
  const failedId = send.isError ? send.variables?.invoiceId : undefined;

  const sendNow = (invoiceId: string) => {
    setSentId(null);
    send.mutate(
      { ticketId, invoiceId },
      {
        onSuccess: (message) => {
          setSentId(invoiceId);
          onSentInChat?.(message);
        },
      },
    );
  };

  return (
    <>
      <h4 className="text-xs font-medium text-slate-600">Faturas em aberto</h4>
      {invoices.isPending ? (
        <Spinner size="sm" label="Carregando faturas…" />
      ) : invoices.isError ? (
        <p className="text-xs text-red-700">{problemMessage(invoices.error)}</p>
      ) : invoices.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma fatura em aberto deste cliente.</p>
      ) : (
        <ul aria-label="Faturas em aberto" className="space-y-3 text-sm">
          {invoices.data.map((invoice) => {
            const labelId = `invoice-${ticketId}-${invoice.id}`;
            return (
              <li key={invoice.id} className="space-y-1">
                <div className="flex items-start justify-between gap-2">
                  <Link id={labelId} to={paths.app.finance.invoice.getHref(invoice.id)} className="font-medium text-indigo-800 hover:underline">
                    {invoice.label}
                  </Link>
                  <InvoiceStatusBadge status={invoice.status} />
                </div>
                <p className="text-slate-600">Vencimento {formatIsoDate(invoice.due_date)}</p>
                <p className="text-slate-900">
                  {formatMoney(invoice.amount_due_cents, invoice.currency)} <span className="text-xs text-slate-600">a pagar hoje</span>
                </p>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-describedby={labelId}
                  isLoading={sending === invoice.id}
                  disabled={send.isPending}
                  onClick={() => sendNow(invoice.id)}
                >
                  Enviar no chat
                </Button>
                {failedId === invoice.id && (
                  <p role="alert" className="text-xs text-red-700">
                    {sendError(send.error)}
                  </p>
                )}
                {sentId === invoice.id && !send.isPending && (
                  <p role="status" className="text-xs text-emerald-800">
                    {invoice.label} enviada na conversa.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
