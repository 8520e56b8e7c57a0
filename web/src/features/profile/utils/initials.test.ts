import { describe, expect, it } from 'vitest';

import { avatarColor, initials } from './initials';

describe('initials', () => {
  it('takes the first and last names’ first letters', () => {
    expect(initials('Ana Maria da Silva')).toBe('AS');
    expect(initials('  joão   pereira ')).toBe('JP');
    expect(initials('Élida')).toBe('É');
    expect(initials('Maria (Financeiro)')).toBe('MF');
  });

  it('has something to show for an empty name', () => {
    expect(initials('')).toBe('?');
    expect(initials(' - ')).toBe('?');
  });
});

describe('avatarColor', () => {
  it('gives one person always the same colour', () => {
    expect(avatarColor('u-1')).toBe(avatarColor('u-1'));
    expect(avatarColor('u-1')).toMatch(/^bg-/);
  });
});
