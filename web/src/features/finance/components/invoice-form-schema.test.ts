import { describe, expect, it } from 'vitest';

import { toFormPath } from '@/lib/form-errors';

import { invoiceFormSchema, invoiceServerField, invoiceTotals, toCreateInvoiceRequest, type InvoiceFormValues } from './invoice-form-schema';

const values: InvoiceFormValues = {
  customer: { id: 'c1', name: 'Padaria Pão Quente' },
  issue_date: '2026-03-01',
  due_date: '2026-03-06',
  description: '  Serviços de março ',
  items: [
    { description: ' Consultoria ', quantity: '1,5', price: '199,99' },
    { description: 'Licença', quantity: '2', price: '1.000,00' },
  ],
  discount: '50,00',
};

describe('toCreateInvoiceRequest', () => {
  it('sends integer cents and exact quantities, never floats made from money', () => {
    expect(toCreateInvoiceRequest(values, true)).toEqual({
      customer_id: 'c1',
      issue_date: '2026-03-01',
      due_date: '2026-03-06',
      description: 'Serviços de março',
      items: [
        { description: 'Consultoria', quantity: 1.5, unit_price_cents: 19_999 },
        { description: 'Licença', quantity: 2, unit_price_cents: 100_000 },
      ],
      discount_cents: 5_000,
      draft: true,
    });
    expect(toCreateInvoiceRequest({ ...values, discount: '' }, false)).toMatchObject({ discount_cents: 0, draft: false });
  });
});

describe('invoiceTotals', () => {
  it('prices the rows like the server while typing', () => {
    // 1,5 × 199,99 = 299,985 → 299,99; plus 2 × 1.000,00; minus 50,00.
    expect(invoiceTotals(values.items, values.discount)).toEqual({
      lines: [29_999, 200_000],
      subtotalCents: 229_999,
      discountCents: 5_000,
      totalCents: 224_999,
      complete: true,
    });
    expect(invoiceTotals([{ description: 'x', quantity: '', price: '10' }], '').complete).toBe(false);
  });
});

describe('invoiceFormSchema', () => {
  it('checks dates, prices and the discount', () => {
    const result = invoiceFormSchema.safeParse({
      ...values,
      customer: null,
      due_date: '2026-02-01',
      items: [{ description: '', quantity: '0', price: '0,00' }],
      discount: '10,00',
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['customer', 'due_date', 'items.0.description', 'items.0.price', 'items.0.quantity']);
  });

  it('refuses a discount as large as the subtotal', () => {
    const result = invoiceFormSchema.safeParse({ ...values, discount: '2.299,99' });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['discount']);
  });
});

describe('invoiceServerField', () => {
  it('puts the server field errors on the form fields', () => {
    const rename = (field: string) => invoiceServerField(toFormPath(field));
    expect(rename('items[0].unit_price_cents')).toBe('items.0.price');
    expect(rename('items[2].quantity')).toBe('items.2.quantity');
    expect(rename('items[1].description')).toBe('items.1.description');
    expect(rename('customer_id')).toBe('customer');
    expect(rename('discount_cents')).toBe('discount');
    expect(rename('due_date')).toBe('due_date');
  });
});
