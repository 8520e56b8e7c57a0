import { describe, expect, it } from 'vitest';

import { passwordSchema } from './password';

const ok = (value: string) => passwordSchema.safeParse(value).success;

describe('passwordSchema', () => {
  it('needs 10 characters mixing letters with a digit or a symbol', () => {
    expect(ok('correto-cavalo')).toBe(true);
    expect(ok('senhasegura1')).toBe(true);
    expect(ok('Açaí2025!!')).toBe(true);
  });

  it('refuses short, letters-only and digits-only passwords', () => {
    expect(ok('abc123')).toBe(false);
    expect(ok('somenteletras')).toBe(false);
    expect(ok('12345678901')).toBe(false);
  });
});
