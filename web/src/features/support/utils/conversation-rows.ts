import type { Message } from '@/lib/api/models';

// The virtualised conversation has one row per message, oldest first; the
// first message of each day carries the day's separator. Rows are keyed by
// message id only, so when older pages are prepended the message on screen
// keeps its key and the list can hold it in place.

export type ConversationRow = { key: string; message: Message; /** Set on the first message of a day. */ day: string | null };

function localDay(iso: string) {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth() + 1}-${date.getDate()}`;
}

export function conversationRows(messages: readonly Message[]): ConversationRow[] {
  let lastDay: string | null = null;
  return messages.map((message) => {
    const day = localDay(message.created_at);
    const first = day !== lastDay;
    lastDay = day;
    return { key: message.id, message, day: first ? message.created_at : null };
  });
}

/** A first guess at a row's height before it is measured (px). */
export function estimateRowHeight(row: ConversationRow | undefined): number {
  if (!row) return 80;
  const { message } = row;
  let height = 64 + (row.day ? 40 : 0);
  if (message.card) height += 130;
  else if (message.html) height += 200;
  else height += Math.ceil(message.text.length / 70) * 20;
  height += message.attachments.length * 40;
  if (message.attachments.some((attachment) => attachment.content_type.startsWith('image/'))) height += 200;
  if (message.delivery_status === 'failed') height += 60;
  return Math.min(height, 900);
}
