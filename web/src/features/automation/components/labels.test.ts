import { expect, it } from 'vitest';

import { fieldLabel } from './labels';

it('names the records a flow reads as they are when it runs', () => {
  expect(fieldLabel('record.status')).toBe('Ticket agora: status');
  expect(fieldLabel('customer.email')).toBe('Cliente: email');
  expect(fieldLabel('customer.custom_fields.plano')).toBe('Cliente: campo personalizado plano');
  expect(fieldLabel('invoice.amount_due')).toBe('Fatura: amount_due');
  expect(fieldLabel('now.business_hours')).toBe('Agora: dentro do horário comercial');
  expect(fieldLabel('timeline.customer_id')).toBe('timeline.customer_id');
});
