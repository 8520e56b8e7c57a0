import { describe, expect, it } from 'vitest';

import { formatBpForInput, formatBpPercent, MAX_FINE_BP, MAX_INTEREST_BP_MONTH, parsePercentToBp } from './rates';

describe('parsePercentToBp', () => {
  it('reads percentages typed in pt-BR as basis points', () => {
    expect(parsePercentToBp('2')).toBe(200);
    expect(parsePercentToBp('2%')).toBe(200);
    expect(parsePercentToBp('0,5')).toBe(50);
    expect(parsePercentToBp('0.5')).toBe(50);
    expect(parsePercentToBp('1,25')).toBe(125);
    expect(parsePercentToBp('0,07')).toBe(7);
    expect(parsePercentToBp(' 1, ')).toBe(100);
    expect(parsePercentToBp('')).toBe(0);
  });

  it('never goes through floating point', () => {
    expect(parsePercentToBp('0,29')).toBe(29);
    expect(parsePercentToBp('1,15')).toBe(115);
  });

  it('enforces the limit it is given', () => {
    expect(parsePercentToBp('2', MAX_FINE_BP)).toBe(200);
    expect(parsePercentToBp('2,01', MAX_FINE_BP)).toBeNull();
    expect(parsePercentToBp('1', MAX_INTEREST_BP_MONTH)).toBe(100);
    expect(parsePercentToBp('1,5', MAX_INTEREST_BP_MONTH)).toBeNull();
  });

  it('rejects what is not a percentage', () => {
    expect(parsePercentToBp('abc')).toBeNull();
    expect(parsePercentToBp('-1')).toBeNull();
    expect(parsePercentToBp('1,234')).toBeNull();
    expect(parsePercentToBp('101')).toBeNull();
  });
});

describe('formatBpForInput', () => {
  it('writes basis points back as typed', () => {
    expect(formatBpForInput(200)).toBe('2');
    expect(formatBpForInput(50)).toBe('0,5');
    expect(formatBpForInput(125)).toBe('1,25');
    expect(formatBpForInput(7)).toBe('0,07');
    expect(formatBpForInput(0)).toBe('0');
    expect(formatBpPercent(33)).toBe('0,33%');
  });

  it('round-trips', () => {
    for (const bp of [0, 1, 10, 33, 50, 99, 100, 125, 200]) {
      expect(parsePercentToBp(formatBpForInput(bp))).toBe(bp);
    }
  });
});
