import { describe, expect, it } from 'vitest';

import {
  divRound,
  formatBpForInput,
  formatMilliForInput,
  parsePercentToBp,
  parseQuantityToMilli,
  priceLine,
  priceTotals,
  PricingError,
  type PricingLine,
} from './pricing';

const l = (quantityMilli: number, unitPriceCents: number, discountBp: number, recurring: boolean): PricingLine => ({
  quantityMilli,
  unitPriceCents,
  discountBp,
  recurring,
});

describe('divRound (half away from zero, like kernel::money::div_round)', () => {
  it('rounds halves away from zero and the rest to the nearest', () => {
    expect(divRound(299_985n, 1000n)).toBe(300n);
    expect(divRound(299_984n, 1000n)).toBe(300n);
    expect(divRound(299_499n, 1000n)).toBe(299n);
    expect(divRound(299_500n, 1000n)).toBe(300n);
    expect(divRound(-299_500n, 1000n)).toBe(-300n);
    expect(divRound(-299_499n, 1000n)).toBe(-299n);
    expect(divRound(5n, 10n)).toBe(1n);
    expect(divRound(4n, 10n)).toBe(0n);
    expect(divRound(0n, 10n)).toBe(0n);
  });
});

describe('priceTotals mirrors the server', () => {
  it('the worked example of the brief: 1,5 × R$ 199,99 with 10%, a monthly R$ 199,90 and 5% overall', () => {
    const line = priceLine(l(1500, 19_999, 1000, false));
    expect(line).toEqual({ grossCents: 29_999, discountCents: 3_000, totalCents: 26_999 });

    const t = priceTotals([l(1500, 19_999, 1000, false), l(1000, 19_990, 0, true)], 500);
    expect(t.lines[1]).toEqual({ grossCents: 19_990, discountCents: 0, totalCents: 19_990 });
    expect(t.subtotalCents).toBe(46_989);
    // 26 999 × 5% = 1 349,95 → 1 350; 19 990 × 5% = 999,5 → 1 000
    expect(t.oneTimeCents).toBe(25_649);
    expect(t.recurringCents).toBe(18_990);
    expect(t.discountCents).toBe(2_350);
    expect(t.totalCents).toBe(44_639);
  });

  it('the server’s own worked example (pricing.rs)', () => {
    const t = priceTotals([l(1500, 19_999, 1000, false), l(1000, 9_900, 0, true)], 500);
    expect(t.lines[0]).toEqual({ grossCents: 29_999, discountCents: 3_000, totalCents: 26_999 });
    expect(t.subtotalCents).toBe(36_899);
    expect(t.oneTimeCents).toBe(25_649);
    expect(t.recurringCents).toBe(9_405);
    expect(t.discountCents).toBe(1_845);
    expect(t.totalCents).toBe(35_054);
  });

  it('an empty proposal is zero', () => {
    expect(priceTotals([], 0)).toEqual({
      lines: [],
      subtotalCents: 0,
      discountCents: 0,
      totalCents: 0,
      oneTimeCents: 0,
      recurringCents: 0,
    });
  });

  it('refuses what the server refuses', () => {
    expect(() => priceLine(l(0, 100, 0, false))).toThrow(PricingError);
    expect(() => priceLine(l(1000, -1, 0, false))).toThrow('negativos');
    expect(() => priceLine(l(1000, 1, 10_001, false))).toThrow('Desconto');
    expect(() => priceTotals([], 10_001)).toThrow('Desconto');
    expect(() => priceTotals([], -1)).toThrow('Desconto');
    expect(() => priceLine(l(1.5, 100, 0, false))).toThrow(PricingError);
  });

  it('keeps exact integers where floats would drift (no 0,1 + 0,2 trouble)', () => {
    // 3 × R$ 0,10 and 333,333 × R$ 0,03: floats give 30.000000000000004 and 9.99999
    expect(priceLine(l(3000, 10, 0, false)).totalCents).toBe(30);
    expect(priceLine(l(333_333, 3, 0, false)).totalCents).toBe(1000);
    // Past Number's 2^53 in the product (price × thousandths) and still exact.
    const big = priceLine(l(999_999_999_999, 99_999, 0, false));
    expect(big.grossCents).toBe(99_998_999_999_900);
    expect(() => priceLine(l(1_000_000_000_000, 100_000_000_000, 0, false))).toThrow('grande demais');
  });

  it('never loses or invents a cent (the server’s property test, on seeded random input)', () => {
    let seed = 20_260_301;
    const random = (max: number) => {
      // mulberry32
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4_294_967_296) * max);
    };
    for (let run = 0; run < 500; run += 1) {
      const lines = Array.from({ length: random(30) }, () =>
        l(1 + random(999_999), random(10_000_000), random(10_001), random(2) === 1),
      );
      const overall = random(10_001);
      const t = priceTotals(lines, overall);
      t.lines.forEach((line, index) => {
        expect(line.grossCents - line.discountCents).toBe(line.totalCents);
        expect(line.totalCents).toBeGreaterThanOrEqual(0);
        // within half a cent of the exact value (checked in integers: |2000·gross − 2·price·qty| ≤ 1000)
        const exact2000 = 2n * BigInt(lines[index].unitPriceCents) * BigInt(lines[index].quantityMilli);
        const diff = BigInt(line.grossCents) * 2000n - exact2000;
        expect(diff <= 1000n && diff >= -1000n).toBe(true);
      });
      expect(t.lines.reduce((sum, line) => sum + line.totalCents, 0)).toBe(t.subtotalCents);
      expect(t.subtotalCents - t.discountCents).toBe(t.totalCents);
      expect(t.oneTimeCents + t.recurringCents).toBe(t.totalCents);
      expect(t.totalCents).toBeGreaterThanOrEqual(0);
      expect(t.discountCents).toBeLessThanOrEqual(t.subtotalCents);
    }
  });
});

describe('typed quantities and percentages', () => {
  it('reads quantities in pt-BR, up to three decimals', () => {
    expect(parseQuantityToMilli('1,5')).toBe(1500);
    expect(parseQuantityToMilli('2')).toBe(2000);
    expect(parseQuantityToMilli('0,001')).toBe(1);
    expect(parseQuantityToMilli('1.500')).toBe(1_500_000);
    expect(parseQuantityToMilli('1.500,25')).toBe(1_500_250);
    expect(parseQuantityToMilli('1.5')).toBe(1500);
    expect(parseQuantityToMilli(' 3 ')).toBe(3000);
    expect(parseQuantityToMilli('')).toBeNull();
    expect(parseQuantityToMilli('0')).toBeNull();
    expect(parseQuantityToMilli('1,0005')).toBeNull();
    expect(parseQuantityToMilli('-1')).toBeNull();
    expect(parseQuantityToMilli('abc')).toBeNull();
    expect(parseQuantityToMilli('1000000001')).toBeNull();
  });

  it('writes quantities back for the input', () => {
    expect(formatMilliForInput(1500)).toBe('1,5');
    expect(formatMilliForInput(2000)).toBe('2');
    expect(formatMilliForInput(1250)).toBe('1,25');
    expect(formatMilliForInput(1)).toBe('0,001');
  });

  it('reads percentages as basis points', () => {
    expect(parsePercentToBp('')).toBe(0);
    expect(parsePercentToBp('10')).toBe(1000);
    expect(parsePercentToBp('10%')).toBe(1000);
    expect(parsePercentToBp('12,5')).toBe(1250);
    expect(parsePercentToBp('0,01')).toBe(1);
    expect(parsePercentToBp('100')).toBe(10_000);
    expect(parsePercentToBp('100,01')).toBeNull();
    expect(parsePercentToBp('12,345')).toBeNull();
    expect(parsePercentToBp('-5')).toBeNull();
    expect(formatBpForInput(1250)).toBe('12,5');
    expect(formatBpForInput(1000)).toBe('10');
    expect(formatBpForInput(0)).toBe('');
    expect(formatBpForInput(1)).toBe('0,01');
  });
});
