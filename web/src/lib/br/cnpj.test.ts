import { describe, expect, it } from 'vitest';

import { formatCnpj, isValidCnpj, normalizeCnpj } from './cnpj';

describe('isValidCnpj', () => {
  it('accepts a numeric CNPJ with or without punctuation', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11222333000181')).toBe(true);
  });

  it('accepts an alphanumeric CNPJ, in any letter case', () => {
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCnpj('12abc34501de35')).toBe(true);
  });

  it('rejects wrong check digits', () => {
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
  });

  it('rejects letters in the check digits, wrong lengths and repeated characters', () => {
    expect(isValidCnpj('12.ABC.345/01DE-3A')).toBe(false);
    expect(isValidCnpj('1122233300018')).toBe(false);
    expect(isValidCnpj('112223330001811')).toBe(false);
    expect(isValidCnpj('00.000.000/0000-00')).toBe(false);
    expect(isValidCnpj('')).toBe(false);
  });
});

describe('formatCnpj', () => {
  it('masks complete and partial input', () => {
    expect(formatCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(formatCnpj('11222')).toBe('11.222');
    expect(formatCnpj('112223330')).toBe('11.222.333/0');
  });

  it('drops anything past 14 characters', () => {
    expect(formatCnpj('11.222.333/0001-8199')).toBe('11.222.333/0001-81');
  });
});

describe('normalizeCnpj', () => {
  it('keeps uppercase letters and digits only', () => {
    expect(normalizeCnpj(' 12.abc.345/01de-35 ')).toBe('12ABC34501DE35');
  });
});
