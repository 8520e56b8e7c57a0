import { describe, expect, it } from 'vitest';

import { displayPhone, formatPhone, isValidPhone, normalizePhone, toE164Phone } from './phone';

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

  it('shows stored numbers in one Brazilian format', () => {
    expect(displayPhone('+5511987654321')).toBe('(11) 98765-4321');
    expect(displayPhone('+551134567890')).toBe('(11) 3456-7890');
    expect(displayPhone('5511987654321')).toBe('(11) 98765-4321');
    expect(displayPhone('11987654321')).toBe('(11) 98765-4321');
    expect(displayPhone('whatsapp:+5521987654321')).toBe('(21) 98765-4321');
    expect(displayPhone('(11) 98765-4321')).toBe('(11) 98765-4321');
  });

  it('leaves foreign numbers international and other addresses alone', () => {
    expect(displayPhone('+14155550123')).toBe('+14155550123');
    expect(displayPhone('+351912345678')).toBe('+351912345678');
    expect(displayPhone('+55119')).toBe('+55119');
    expect(displayPhone('maria@example.com')).toBe('maria@example.com');
    expect(displayPhone('ConectCRM')).toBe('ConectCRM');
  });
});
