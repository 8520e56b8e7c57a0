import { describe, expect, it } from 'vitest';

import { charCount, counter, maxLength, tooLong } from './message-limit';

describe('message limit', () => {
  it('counts code points, as the server does', () => {
    expect(charCount('abc')).toBe(3);
    expect(charCount('👍🏽ok')).toBe(4);
    expect(charCount('ação')).toBe(4);
  });

  it('explains a refusal with pt-BR numbers', () => {
    expect(tooLong(5000, 5000)).toBeNull();
    expect(tooLong(5123, 5000)).toBe('Sua mensagem tem 5.123 caracteres; o limite é 5.000.');
    expect(tooLong(2, 1)).toBe('Sua mensagem tem 2 caracteres; o limite é 1.');
  });

  it('counts from 90% of the limit', () => {
    expect(counter(4499, 5000)).toBeNull();
    expect(counter(4500, 5000)).toBe('4.500/5.000');
  });

  it('falls back to 5000 when the config has no usable limit', () => {
    expect(maxLength(2000)).toBe(2000);
    expect(maxLength(0)).toBe(5000);
    expect(maxLength(undefined)).toBe(5000);
    expect(maxLength(1.5)).toBe(5000);
  });
});
