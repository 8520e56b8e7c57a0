import { TicketSales } from '@/features/crm/components/ticket-sales';
import { TicketInvoices } from '@/features/finance/components/ticket-invoices';
import { useMessageStored } from '@/features/support/api/messages';
import type { Ticket } from '@/lib/api/models';

/**
 * The CRM's "Vendas" block, with finance's open invoices of the customer
 * below the proposals; "Enviar no chat" (of either) puts the sent card into
 * the open conversation. Its own chunk (see ./ticket-sales-slot): the inbox
 * loads CRM and finance code only when a ticket shows this block.
 */
export default function TicketSalesBlock({ ticket }: { ticket: Ticket }) {
  const stored = useMessageStored();
  return (
    <TicketSales
      ticket={ticket}
      onSentInChat={stored}
      invoices={<TicketInvoices ticketId={ticket.id} customerId={ticket.customer_id} onSentInChat={stored} />}
    />
  );
}
