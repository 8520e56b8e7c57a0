// What the agent was writing in each ticket, kept while the tab is open, so
// going to another ticket and back (j/k) loses nothing.
const drafts = new Map<string, { text: string; note: boolean }>();

export const readDraft = (ticketId: string) => drafts.get(ticketId) ?? { text: '', note: false };

export function saveDraft(ticketId: string, draft: { text: string; note: boolean }) {
  if (draft.text === '' && !draft.note) drafts.delete(ticketId);
  else drafts.set(ticketId, draft);
}

export const clearDraft = (ticketId: string) => drafts.delete(ticketId);

/** Forgets every draft (sign-out, tests). */
export const clearAllDrafts = () => drafts.clear();
