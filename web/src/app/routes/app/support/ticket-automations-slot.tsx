import { lazyBlock } from '@/components/lazy-block';
import type { RenderTicketExtras } from '@/features/support/components/ticket-extras-slot';
import type { Ticket } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

// Automation's code, loaded when a ticket first shows the block (see ./ticket-sales-slot).
const TicketAutomations = lazyBlock('Automações', async () => ({
  default: (await import('@/features/automation/components/ticket-automations')).TicketAutomations,
}));

/** Automation's block on a ticket (button flows, the ticket's runs), for the roles that may use automation. */
function TicketAutomationsSlot({ ticket }: { ticket: Ticket }) {
  const { user } = useMe();
  if (!canAccess(user.role, 'automation')) return null;
  return <TicketAutomations ticketId={ticket.id} />;
}

export const renderTicketAutomations: RenderTicketExtras = (ticket) => <TicketAutomationsSlot ticket={ticket} />;
