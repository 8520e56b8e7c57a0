import { TicketSales } from '@/features/crm/components/ticket-sales';
import { TicketInvoices } from '@/features/finance/components/ticket-invoices';
import { useMessageStored } from '@/features/support/api/messages';
import type { RenderTicketExtras } from '@/features/support/components/ticket-extras-slot';
import type { Ticket } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canSellInConversation } from '@/lib/authorization';

/**
 * The CRM's "Vendas" block, with finance's open invoices of the customer
 * below the proposals; "Enviar no chat" (of either) puts the sent card into
 * the open conversation.
 */
function TicketSalesWithChat({ ticket }: { ticket: Ticket }) {
  const stored = useMessageStored();
  return (
    <TicketSales
      ticket={ticket}
      onSentInChat={stored}
      invoices={<TicketInvoices ticketId={ticket.id} customerId={ticket.customer_id} onSentInChat={stored} />}
    />
  );
}

/** "Vendas" on a ticket, for the roles that work in both support and the CRM (owner, admin, manager), who all see finance too. */
function TicketSalesSlot({ ticket }: { ticket: Ticket }) {
  const { user } = useMe();
  if (!canSellInConversation(user.role)) return null;
  return <TicketSalesWithChat ticket={ticket} />;
}

export const renderTicketSales: RenderTicketExtras = (ticket) => <TicketSalesSlot ticket={ticket} />;
