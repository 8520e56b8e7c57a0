// The composer's pop-ups: "/atalho" inserts a canned response, "@nome"
// mentions a colleague in an internal note. A trigger starts at the
// beginning of the text or after a space and runs up to the caret.

export type Trigger = {
  /** "/" or "@". */
  char: string;
  /** Index of the trigger character. */
  start: number;
  /** The caret: the end of what is replaced. */
  end: number;
  /** What was typed after the trigger character. */
  query: string;
};

const QUERY_PATTERNS: Record<string, RegExp> = {
  // Canned shortcuts: lower-case letters, digits, - and _ (what the server accepts).
  '/': /^[a-z0-9_-]*$/i,
  // A name's first word: letters (with accents), digits, . - _
  '@': /^[\p{L}\p{N}._-]*$/u,
};

/** The trigger being typed at `caret`, or null. */
export function findTrigger(text: string, caret: number, char: '/' | '@'): Trigger | null {
  if (caret < 0 || caret > text.length) return null;
  const before = text.slice(0, caret);
  const start = before.lastIndexOf(char);
  if (start === -1) return null;
  if (start > 0 && !/\s/.test(before[start - 1])) return null;
  const query = before.slice(start + 1);
  if (query.length > 40 || !QUERY_PATTERNS[char].test(query)) return null;
  return { char, start, end: caret, query };
}

/** Replaces the trigger with `insertion`; returns the new text and where the caret goes. */
export function replaceTrigger(text: string, trigger: Trigger, insertion: string): { text: string; caret: number } {
  const next = text.slice(0, trigger.start) + insertion + text.slice(trigger.end);
  return { text: next, caret: trigger.start + insertion.length };
}

export type MentionPick = { id: string; name: string };

/** Ids of the picked people whose "@Name" is still in the text (the agent may have deleted one), without repeats. */
export function resolveMentions(text: string, picked: readonly MentionPick[]): string[] {
  const ids: string[] = [];
  for (const person of picked) {
    if (text.includes(`@${person.name}`) && !ids.includes(person.id)) ids.push(person.id);
  }
  return ids;
}

/** Case- and accent-insensitive "contains", for filtering names and shortcuts. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
