import { describe, expect, it } from 'vitest';

import { plural } from './plural';

describe('plural', () => {
  it('uses the singular only for exactly one, with pt-BR digits', () => {
    expect(plural(1, 'mensagem nova', 'mensagens novas')).toBe('1 mensagem nova');
    expect(plural(0, 'mensagem nova', 'mensagens novas')).toBe('0 mensagens novas');
    expect(plural(1250, 'caractere', 'caracteres')).toBe('1.250 caracteres');
  });
});
