import { describe, expect, it } from 'vitest';

import { addDaysIso, formatIsoDate, formatMonth, formatUsd, parseInteger, todayIso } from './format';

describe('calendar dates', () => {
  it('writes AAAA-MM-DD as dd/mm/aaaa without a time zone shift', () => {
    expect(formatIsoDate('2026-03-01')).toBe('01/03/2026');
    expect(formatIsoDate('2026-12-31')).toBe('31/12/2026');
    expect(formatIsoDate('nope')).toBe('nope');
  });

  it('adds days across months and years', () => {
    expect(addDaysIso('2026-01-28', 5)).toBe('2026-02-02');
    expect(addDaysIso('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads today in local time', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('numbers and money of the AI usage', () => {
  // Intl separates the currency sign with a no-break space.
  const plain = (text: string) => text.replace(/\u00a0/g, ' ');

  it('reads whole numbers with pt-BR thousands separators', () => {
    expect(parseInteger('500.000')).toBe(500_000);
    expect(parseInteger(' 1 000 000 ')).toBe(1_000_000);
    expect(parseInteger('0')).toBe(0);
    expect(parseInteger('')).toBeNull();
    expect(parseInteger('1,5')).toBeNull();
    expect(parseInteger('50.00')).toBeNull();
    expect(parseInteger('-3')).toBeNull();
  });

  it('writes US dollars, with four decimals below a dollar', () => {
    expect(plain(formatUsd(12.5))).toBe('US$ 12,50');
    expect(plain(formatUsd(1234.567))).toBe('US$ 1.234,57');
    expect(plain(formatUsd(0.00123))).toBe('US$ 0,0012');
    expect(plain(formatUsd(0.5))).toBe('US$ 0,50');
    expect(plain(formatUsd(0))).toBe('US$ 0,00');
  });

  it('names a month', () => {
    expect(formatMonth('2026-11')).toBe('novembro de 2026');
    expect(formatMonth('2027-01')).toBe('janeiro de 2027');
    expect(formatMonth('nope')).toBe('nope');
  });
});
