// Counts in pt-BR ("1 mensagem", "5.123 caracteres"). The app has the same
// idea in src/lib/plural.ts; the widget bundles nothing of the app, so it
// keeps its own few lines.
const NUMBER = new Intl.NumberFormat('pt-BR');

/** 5123 → "5.123". */
export const formatCount = (count: number): string => NUMBER.format(count);

/** The count with its noun in the right number: the singular only for exactly one ("0 mensagens"). */
export function plural(count: number, one: string, many: string): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
