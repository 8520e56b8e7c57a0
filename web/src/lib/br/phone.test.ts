import { describe, expect, it } from 'vitest';

import { formatPhone, isValidPhone, normalizePhone, toE164Phone } from './phone';

describe('phone', () => {
  it('masks mobile and landline numbers, also while typing', () => {
    expect(formatPhone('11912345678')).toBe('(11) 91234-5678');
    expect(formatPhone('1132345678')).toBe('(11) 3234-5678');
    expect(formatPhone('1')).toBe('(1');
    expect(formatPhone('119')).toBe('(11) 9');
    expect(formatPhone('1191234')).toBe('(11) 9123-4');
    expect(formatPhone('')).toBe('');
  });

  it('writes E.164 for the API', () => {
    expect(toE164Phone('(11) 91234-5678')).toBe('+5511912345678');
    expect(formatPhone('+5511912345678')).toBe('(11) 91234-5678');
  });

  it('drops the country code', () => {
    expect(normalizePhone('+55 (11) 91234-5678')).toBe('11912345678');
    expect(normalizePhone('+55 11 3234-5678')).toBe('1132345678');
  });

  it('validates area code and number shape', () => {
    expect(isValidPhone('(11) 91234-5678')).toBe(true);
    expect(isValidPhone('(21) 3234-5678')).toBe(true);
    expect(isValidPhone('(11) 81234-5678')).toBe(false); // 11 digits must be a mobile (9…)
    expect(isValidPhone('(10) 3234-5678')).toBe(false); // no area code has a 0
    expect(isValidPhone('(11) 9234-567')).toBe(false);
    expect(isValidPhone('(11) 7234-5678')).toBe(false); // landlines start 2–5
  });
});
