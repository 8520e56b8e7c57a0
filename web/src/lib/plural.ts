import { formatNumber } from './format';

/**
 * A count with its noun in the right number: "1 cliente", "12 clientes",
 * "1.250 clientes". pt-BR uses the singular only for exactly one (0 takes
 * the plural: "0 clientes").
 */
export function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

/** The noun alone, for sentences that place the number themselves. */
export function pluralWord(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
