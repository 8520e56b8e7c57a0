import { lazyBlock } from '@/components/lazy-block';
import type { RenderTicketExtras } from '@/features/support/components/ticket-extras-slot';
import type { Ticket } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canSellInConversation } from '@/lib/authorization';

// CRM and finance code, loaded when a ticket first shows "Vendas": never for
// the roles that do not sell in conversations, and not on the inbox's cold load.
const TicketSalesBlock = lazyBlock('Vendas', () => import('./ticket-sales-block'));

/** "Vendas" on a ticket, for the roles that work in both support and the CRM (owner, admin, manager), who all see finance too. */
function TicketSalesSlot({ ticket }: { ticket: Ticket }) {
  const { user } = useMe();
  if (!canSellInConversation(user.role)) return null;
  return <TicketSalesBlock ticket={ticket} />;
}

export const renderTicketSales: RenderTicketExtras = (ticket) => <TicketSalesSlot ticket={ticket} />;
