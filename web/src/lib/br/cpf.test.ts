import { describe, expect, it } from 'vitest';

import { formatCpf, isValidCpf, normalizeCpf } from './cpf';

describe('isValidCpf', () => {
  it('accepts a valid CPF with or without punctuation', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('52998224725')).toBe(true);
    expect(isValidCpf(' 111.444.777-35 ')).toBe(true);
  });

  it('accepts a check digit that comes out as zero', () => {
    // 10 × … ≡ 10 (mod 11) → 0
    expect(isValidCpf('123.456.789-09')).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(isValidCpf('529.982.247-24')).toBe(false);
    expect(isValidCpf('529.982.247-15')).toBe(false);
  });

  it('rejects repeated digits, wrong lengths, letters and empty input', () => {
    expect(isValidCpf('111.111.111-11')).toBe(false);
    expect(isValidCpf('000.000.000-00')).toBe(false);
    expect(isValidCpf('5299822472')).toBe(false);
    expect(isValidCpf('529982247250')).toBe(false);
    expect(isValidCpf('529.982.247-2A')).toBe(false);
    expect(isValidCpf('')).toBe(false);
  });
});

describe('formatCpf', () => {
  it('masks as the person types', () => {
    expect(formatCpf('5')).toBe('5');
    expect(formatCpf('5299')).toBe('529.9');
    expect(formatCpf('5299822')).toBe('529.982.2');
    expect(formatCpf('5299822472')).toBe('529.982.247-2');
    expect(formatCpf('52998224725')).toBe('529.982.247-25');
  });

  it('ignores punctuation and extra digits', () => {
    expect(formatCpf('529.982.247-25999')).toBe('529.982.247-25');
    expect(normalizeCpf('529.982.247-25')).toBe('52998224725');
  });
});
