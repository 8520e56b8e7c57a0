import { useParams } from 'react-router';

import { Inbox } from '@/features/support/components/inbox';

import { renderTicketAutomations } from './ticket-automations-slot';

/** /atendimento and /atendimento/:ticketId: one mounted inbox, so the list keeps its place while tickets change. */
export default function SupportInboxRoute() {
  const { ticketId } = useParams();
  return <Inbox ticketId={ticketId} renderTicketExtras={renderTicketAutomations} />;
}
