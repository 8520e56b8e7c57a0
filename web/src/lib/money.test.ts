import { describe, expect, it } from 'vitest';

import { formatMoney } from './format';
import { formatCentsForInput, parseMoneyToCents } from './money';

describe('parseMoneyToCents', () => {
  it('reads what people type in pt-BR', () => {
    expect(parseMoneyToCents('R$ 1.234,56')).toBe(123456);
    expect(parseMoneyToCents('1.234,56')).toBe(123456);
    expect(parseMoneyToCents('1234,56')).toBe(123456);
    expect(parseMoneyToCents('1234,5')).toBe(123450);
    expect(parseMoneyToCents('1234,')).toBe(123400);
    expect(parseMoneyToCents('1.234')).toBe(123400);
    expect(parseMoneyToCents('0,1')).toBe(10);
    expect(parseMoneyToCents('0,07')).toBe(7);
    expect(parseMoneyToCents('R$\u00a01.000.000,00')).toBe(100000000);
  });

  it('never goes through floating point (0,29 is 29 cents, not 28.999…)', () => {
    expect(parseMoneyToCents('0,29')).toBe(29);
    expect(parseMoneyToCents('1.005,35')).toBe(100535);
    expect(Number.isInteger(parseMoneyToCents('4,35'))).toBe(true);
  });

  it('rejects what is not an amount', () => {
    expect(parseMoneyToCents('')).toBeNull();
    expect(parseMoneyToCents('R$ ')).toBeNull();
    expect(parseMoneyToCents('abc')).toBeNull();
    expect(parseMoneyToCents('1,234')).toBeNull();
    expect(parseMoneyToCents('12.34')).toBeNull();
    expect(parseMoneyToCents('1.23,00')).toBeNull();
    expect(parseMoneyToCents('99999999999999999')).toBeNull();
  });
});

describe('formatCentsForInput', () => {
  it('writes cents back the way they are typed', () => {
    expect(formatCentsForInput(123456)).toBe('1.234,56');
    expect(formatCentsForInput(7)).toBe('0,07');
    expect(formatCentsForInput(0)).toBe('0,00');
    expect(formatCentsForInput(100000000)).toBe('1.000.000,00');
  });

  it('round-trips', () => {
    for (const cents of [0, 1, 99, 100, 123456, 987654321]) {
      expect(parseMoneyToCents(formatCentsForInput(cents))).toBe(cents);
    }
  });

  it('matches the display format', () => {
    expect(formatMoney(123456).replace(/\s/g, ' ')).toBe('R$ 1.234,56');
  });
});
