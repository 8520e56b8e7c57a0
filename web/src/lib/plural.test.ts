import { describe, expect, it } from 'vitest';

import { plural, pluralWord } from './plural';

describe('plural', () => {
  it('uses the singular for exactly one', () => {
    expect(plural(1, 'cliente', 'clientes')).toBe('1 cliente');
    expect(pluralWord(1, 'útil', 'úteis')).toBe('útil');
  });

  it('uses the plural for zero and for more than one, with pt-BR digit grouping', () => {
    expect(plural(0, 'cliente', 'clientes')).toBe('0 clientes');
    expect(plural(12, 'cliente', 'clientes')).toBe('12 clientes');
    expect(plural(1250, 'fatura', 'faturas')).toBe('1.250 faturas');
    expect(pluralWord(2, 'útil', 'úteis')).toBe('úteis');
  });
});
