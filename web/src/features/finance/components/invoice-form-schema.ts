import { z } from 'zod';

import type { CreateInvoiceRequest } from '@/lib/api/models';
import { parseMoneyToCents } from '@/lib/money';

import { lineTotalCents, milliToQuantity, parseQuantityToMilli } from '../utils/quantity';

const MAX_PRICE_CENTS = 100_000_000_000; // the server's limit
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const invoiceItemSchema = z.object({
  description: z.string().trim().min(1, 'Descreva o item.').max(500, 'Use no máximo 500 caracteres.'),
  quantity: z.string().refine((value) => parseQuantityToMilli(value) !== null, 'Quantidade maior que zero, até 3 casas decimais.'),
  price: z.string().refine((value) => {
    const cents = parseMoneyToCents(value);
    return cents !== null && cents > 0 && cents <= MAX_PRICE_CENTS;
  }, 'Informe o preço, maior que zero (ex. 1.234,56).'),
});

export type InvoiceItemValues = z.infer<typeof invoiceItemSchema>;

export const invoiceFormSchema = z
  .object({
    customer: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .refine((value) => Boolean(value), 'Escolha o cliente.'),
    issue_date: z.string().regex(ISO_DATE, 'Informe a data de emissão.'),
    due_date: z.string().regex(ISO_DATE, 'Informe o vencimento.'),
    description: z.string().max(1000, 'Use no máximo 1000 caracteres.'),
    items: z.array(invoiceItemSchema).min(1, 'Inclua ao menos um item.').max(200, 'Use no máximo 200 itens.'),
    discount: z.string().refine((value) => {
      if (value.trim() === '') return true;
      const cents = parseMoneyToCents(value);
      return cents !== null && cents >= 0;
    }, 'Informe o desconto em reais (ex. 50,00).'),
  })
  .superRefine((values, ctx) => {
    if (ISO_DATE.test(values.issue_date) && ISO_DATE.test(values.due_date) && values.due_date < values.issue_date) {
      ctx.addIssue({ code: 'custom', path: ['due_date'], message: 'O vencimento não pode ser antes da emissão.' });
    }
    const discount = parseMoneyToCents(values.discount) ?? 0;
    if (discount > 0) {
      const { subtotalCents, complete } = invoiceTotals(values.items, '');
      if (complete && discount >= subtotalCents) {
        ctx.addIssue({ code: 'custom', path: ['discount'], message: 'O desconto deve ser menor que o subtotal.' });
      }
    }
  });

export type InvoiceFormValues = z.infer<typeof invoiceFormSchema>;

/** The form's field names, for the server's field errors. */
export const INVOICE_FORM_FIELDS = ['customer', 'issue_date', 'due_date', 'description', 'items', 'discount'] as const;

/** Server field names → the form's (`items.0.unit_price_cents` → `items.0.price`; paths already use dots). */
export function invoiceServerField(path: string): string {
  if (path === 'customer_id') return 'customer';
  if (path === 'discount_cents') return 'discount';
  return path.replace(/^items\.(\d+)\.unit_price_cents$/, 'items.$1.price');
}

export const emptyInvoiceItem = (): InvoiceItemValues => ({ description: '', quantity: '1', price: '' });

/** Live totals while typing; rows that cannot be priced yet count as zero. */
export function invoiceTotals(items: readonly Partial<InvoiceItemValues>[], discount: string) {
  let subtotalCents = 0;
  let complete = true;
  const lines = items.map((item) => {
    const milli = parseQuantityToMilli(item.quantity ?? '');
    const price = parseMoneyToCents(item.price ?? '');
    if (milli === null || price === null || price < 0) {
      complete = false;
      return null;
    }
    const total = lineTotalCents(price, milli);
    if (total === null) {
      complete = false;
      return null;
    }
    subtotalCents += total;
    return total;
  });
  const discountCents = Math.max(0, parseMoneyToCents(discount) ?? 0);
  return { lines, subtotalCents, discountCents, totalCents: subtotalCents - discountCents, complete };
}

/** What the API takes; call on values that passed the schema. */
export function toCreateInvoiceRequest(values: InvoiceFormValues, draft: boolean): CreateInvoiceRequest {
  return {
    customer_id: values.customer?.id ?? '',
    issue_date: values.issue_date,
    due_date: values.due_date,
    description: values.description.trim(),
    items: values.items.map((item) => ({
      description: item.description.trim(),
      quantity: milliToQuantity(parseQuantityToMilli(item.quantity) ?? 1000),
      // Integer cents from the text: never a float.
      unit_price_cents: parseMoneyToCents(item.price) ?? 0,
    })),
    discount_cents: parseMoneyToCents(values.discount) ?? 0,
    draft,
  };
}
