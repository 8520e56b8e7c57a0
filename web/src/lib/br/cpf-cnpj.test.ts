import { describe, expect, it } from 'vitest';

import { formatCpfOrCnpj, isValidCpfOrCnpj, normalizeCpfOrCnpj } from './cpf-cnpj';

describe('CPF ou CNPJ', () => {
  it('masks as a CPF up to 11 digits, then as a CNPJ', () => {
    expect(formatCpfOrCnpj('529')).toBe('529');
    expect(formatCpfOrCnpj('52998224725')).toBe('529.982.247-25');
    expect(formatCpfOrCnpj('112223330001')).toBe('11.222.333/0001');
    expect(formatCpfOrCnpj('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatCpfOrCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(formatCpfOrCnpj('112223330001819')).toBe('11.222.333/0001-81');
  });

  it('validates either', () => {
    expect(isValidCpfOrCnpj('529.982.247-25')).toBe(true);
    expect(isValidCpfOrCnpj('529.982.247-24')).toBe(false);
    expect(isValidCpfOrCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCpfOrCnpj('12.ABC.345/01DE-35')).toBe(true);
    expect(isValidCpfOrCnpj('11.222.333/0001-80')).toBe(false);
    expect(isValidCpfOrCnpj('123')).toBe(false);
    expect(isValidCpfOrCnpj('')).toBe(false);
    expect(normalizeCpfOrCnpj('529.982.247-25')).toBe('52998224725');
  });
});
