import { useParams } from 'react-router';

import { Inbox } from '@/features/support/components/inbox';
import type { RenderTicketExtras } from '@/features/support/components/ticket-extras-slot';

import { renderTicketAutomations } from './ticket-automations-slot';
import { renderTicketSales } from './ticket-sales-slot';

/** What other features add to a ticket's side panel: the CRM's "Vendas", then automation's block. */
const renderTicketExtras: RenderTicketExtras = (ticket) => (
  <>
    {renderTicketSales(ticket)}
    {renderTicketAutomations(ticket)}
  </>
);

/** /atendimento and /atendimento/:ticketId: one mounted inbox, so the list keeps its place while tickets change. */
export default function SupportInboxRoute() {
  const { ticketId } = useParams();
  return <Inbox ticketId={ticketId} renderTicketExtras={renderTicketExtras} />;
}
