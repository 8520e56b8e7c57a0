import { describe, expect, it } from 'vitest';

import type { Company } from '@/lib/api/models';

import { companyFormSchema, serverPathToFormPath, toFormValues, toUpdateRequest } from './company-form-schema';

const company: Company = {
  id: 'c1',
  name: 'Padaria Pão Quente Ltda',
  trade_name: null,
  cnpj: '11222333000181',
  email: null,
  phone: '+5511912345678',
  address: null,
  timezone: 'America/Sao_Paulo',
  business_hours: [
    { weekday: 1, opens: '09:00', closes: '18:00' },
    { weekday: 3, opens: '08:00', closes: '12:00' },
  ],
  has_logo: false,
  plan_code: 'free',
  updated_at: '2026-01-01T00:00:00Z',
};

describe('company form', () => {
  it('shows stored values masked and sends them back normalized', () => {
    const values = toFormValues(company);
    expect(values.cnpj).toBe('11.222.333/0001-81');
    expect(values.phone).toBe('(11) 91234-5678');
    expect(values.business_hours.filter((day) => day.open).map((day) => day.weekday)).toEqual([1, 3]);

    const request = toUpdateRequest({
      ...values,
      address: { cep: '01310-100', street: 'Av. Paulista', number: '1000', complement: '', district: 'Bela Vista', city: 'São Paulo', state: 'SP' },
    });
    expect(request.cnpj).toBe('11222333000181');
    expect(request.phone).toBe('+5511912345678');
    expect(request.trade_name).toBeNull();
    expect(request.address).toEqual({
      cep: '01310100',
      street: 'Av. Paulista',
      number: '1000',
      complement: null,
      district: 'Bela Vista',
      city: 'São Paulo',
      state: 'SP',
    });
    expect(request.business_hours).toEqual(company.business_hours);
  });

  it('requires a started address to be complete and hours to close after opening', () => {
    const values = toFormValues(company);
    values.address.cep = '0131';
    values.address.number = '100';
    values.business_hours[1].closes = '08:00';
    const result = companyFormSchema.safeParse(values);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['address.cep', 'address.street', 'address.state', 'business_hours.1.closes']),
    );
  });

  it('a CEP alone (typed to look the address up) makes nothing mandatory and is not sent', () => {
    const values = toFormValues({ ...company, address: null });
    values.address.cep = '01310-100';
    const result = companyFormSchema.safeParse(values);
    expect(result.error?.issues.filter((issue) => issue.path[0] === 'address') ?? []).toEqual([]);
    expect(toUpdateRequest(values).address).toBeNull();
  });

  it('maps the server index of business hours back to the weekday row', () => {
    const rename = serverPathToFormPath(toFormValues(company));
    expect(rename('business_hours.1.opens')).toBe('business_hours.3.opens');
    expect(rename('address.cep')).toBe('address.cep');
  });
});
