import type { Message, MessageCard, MessageCardKind } from '@/lib/api/models';

// A message may carry a card: a record of another module shown in the
// thread (a proposal sent into the chat, the customer's acceptance, an
// invoice sent into the chat, its payment). A kind
// this version does not know is shown as the plain message it also is.

const KNOWN: readonly MessageCardKind[] = ['proposal_sent', 'proposal_accepted', 'invoice_sent', 'invoice_paid'];

export function cardOf(message: Pick<Message, 'card'>): MessageCard | null {
  const card = message.card;
  if (!card || !KNOWN.includes(card.kind)) return null;
  return card;
}
