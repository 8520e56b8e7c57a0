import { describe, expect, it } from 'vitest';

import { formatQuantity, lineTotalCents, milliToQuantity, parseQuantityToMilli } from './quantity';

describe('parseQuantityToMilli', () => {
  it('reads quantities with up to three decimals', () => {
    expect(parseQuantityToMilli('1')).toBe(1000);
    expect(parseQuantityToMilli('1,5')).toBe(1500);
    expect(parseQuantityToMilli('0,001')).toBe(1);
    expect(parseQuantityToMilli('1.5')).toBe(1500);
    expect(parseQuantityToMilli('1.500')).toBe(1_500_000);
    expect(parseQuantityToMilli('1.500,25')).toBe(1_500_250);
  });

  it('rejects zero, negatives and too many decimals', () => {
    expect(parseQuantityToMilli('')).toBeNull();
    expect(parseQuantityToMilli('0')).toBeNull();
    expect(parseQuantityToMilli('-1')).toBeNull();
    expect(parseQuantityToMilli('1,2345')).toBeNull();
    expect(parseQuantityToMilli('um')).toBeNull();
  });

  it('makes exact JSON numbers', () => {
    expect(milliToQuantity(100)).toBe(0.1);
    expect(milliToQuantity(1500)).toBe(1.5);
    expect(formatQuantity(1.5)).toBe('1,5');
    expect(formatQuantity(1000)).toBe('1.000');
  });
});

describe('lineTotalCents', () => {
  it('rounds half away from zero like the server', () => {
    expect(lineTotalCents(19_999, 1500)).toBe(29_999); // 299,985 → 299,99
    expect(lineTotalCents(1, 500)).toBe(1);
    expect(lineTotalCents(1, 499)).toBe(0);
    expect(lineTotalCents(150_000, 1000)).toBe(150_000);
  });
});
