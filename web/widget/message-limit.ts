// The composer refuses a message longer than the server accepts instead of
// cutting it (a maxlength would silently drop the end of a paste), and
// shows a counter as the text nears the limit. Characters are counted as
// the server counts them: code points, not UTF-16 units (an emoji is one).
import { formatCount, plural } from './plural';

const DEFAULT_MAX = 5_000;
/** The counter shows from 90% of the limit. */
const NEAR = 0.9;

export const charCount = (text: string): number => Array.from(text).length;

/** The server's limit, or the default when the config has none that makes sense. */
export const maxLength = (value: unknown): number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX;

/** Why the message cannot be sent as it is; null when it can. */
export function tooLong(count: number, max: number): string | null {
  return count > max ? `Sua mensagem tem ${plural(count, 'caractere', 'caracteres')}; o limite é ${formatCount(max)}.` : null;
}

/** "4.512/5.000" near the limit; null before. */
export function counter(count: number, max: number): string | null {
  return count >= Math.floor(max * NEAR) ? `${formatCount(count)}/${formatCount(max)}` : null;
}
