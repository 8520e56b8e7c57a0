import { useParams } from 'react-router';

import { Inbox } from '@/features/support/components/inbox';

/** /atendimento and /atendimento/:ticketId: one mounted inbox, so the list keeps its place while tickets change. */
export default function SupportInboxRoute() {
  const { ticketId } = useParams();
  return <Inbox ticketId={ticketId} />;
}
