/** "Ana Maria da Silva" → "AS"; "ana" → "A"; "" → "?". */
export function initials(name: string): string {
  const words = name
    .trim()
    .split(/\s+/)
    .filter((word) => /\p{L}|\p{N}/u.test(word));
  if (words.length === 0) return '?';
  const letter = (word: string) => (word.match(/[\p{L}\p{N}]/u)?.[0] ?? '').toLocaleUpperCase('pt-BR');
  const first = letter(words[0]);
  return words.length === 1 ? first : first + letter(words[words.length - 1]);
}

// Dark enough for white text (WCAG AA at these sizes).
const COLORS = [
  'bg-indigo-700',
  'bg-sky-700',
  'bg-emerald-700',
  'bg-teal-700',
  'bg-amber-700',
  'bg-rose-700',
  'bg-fuchsia-700',
  'bg-violet-700',
  'bg-slate-700',
  'bg-cyan-800',
] as const;

/** The same person always gets the same colour (picked from the id, not the name, which may change). */
export function avatarColor(id: string): string {
  let hash = 0;
  for (let index = 0; index < id.length; index += 1) hash = (hash * 31 + id.charCodeAt(index)) >>> 0;
  return COLORS[hash % COLORS.length];
}
