// Tickets this agent assigned to themselves a moment ago ("Assumir", a
// transfer to oneself): the server's TicketAssigned for them is no news, so
// no desktop notification.
const recent = new Map<string, number>();
const WINDOW_MS = 15_000;

export function markOwnAssignment(ticketId: string, now: number = Date.now()) {
  recent.set(ticketId, now);
  for (const [id, at] of recent) if (now - at > WINDOW_MS) recent.delete(id);
}

export function isOwnAssignment(ticketId: string, now: number = Date.now()): boolean {
  const at = recent.get(ticketId);
  return at !== undefined && now - at <= WINDOW_MS;
}
