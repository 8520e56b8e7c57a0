import { describe, expect, it } from 'vitest';

import { formatCep, isValidCep, normalizeCep } from './cep';

describe('cep', () => {
  it('masks as 00000-000, also while typing', () => {
    expect(formatCep('01310100')).toBe('01310-100');
    expect(formatCep('01310')).toBe('01310');
    expect(formatCep('013101')).toBe('01310-1');
    expect(formatCep('01310-100 extra 9')).toBe('01310-100');
  });

  it('normalizes to 8 digits', () => {
    expect(normalizeCep('01310-100')).toBe('01310100');
  });

  it('validates length', () => {
    expect(isValidCep('01310-100')).toBe(true);
    expect(isValidCep('0131010')).toBe(false);
    expect(isValidCep('00000-000')).toBe(false);
    expect(isValidCep('')).toBe(false);
  });
});
