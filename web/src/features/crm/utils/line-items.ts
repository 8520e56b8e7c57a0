// The item rows of the proposal and contract forms: what is typed (pt-BR
// text), how it is checked, priced live and sent (integer cents, basis points,
// quantities with up to three decimals).
import { z } from 'zod';

import type { Billing, ItemInput, LineItem } from '@/lib/api/models';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';

import {
  formatBpForInput,
  formatMilliForInput,
  milliToQuantity,
  parsePercentToBp,
  parseQuantityToMilli,
  priceLine,
  priceTotals,
  PricingError,
  type LineTotals,
  type Totals,
} from './pricing';

export const BILLINGS = ['one_time', 'monthly', 'quarterly', 'yearly'] as const satisfies readonly Billing[];

const MAX_PRICE_CENTS = 100_000_000_000; // the server's limit

export const itemSchema = z.object({
  /** From the catalogue (filled by the product search), or null for free text. */
  product_id: z.string().nullable(),
  description: z.string().trim().min(1, 'Descreva o item.').max(500, 'Use no máximo 500 caracteres.'),
  unit: z.string().trim().max(20, 'Use no máximo 20 caracteres.'),
  quantity: z.string().refine((value) => parseQuantityToMilli(value) !== null, 'Quantidade maior que zero, até 3 casas decimais.'),
  price: z.string().refine((value) => {
    const cents = parseMoneyToCents(value);
    return cents !== null && cents >= 0 && cents <= MAX_PRICE_CENTS;
  }, 'Informe o preço, ex. 1.234,56.'),
  discount: z.string().refine((value) => parsePercentToBp(value) !== null, 'Desconto entre 0 e 100%.'),
  billing: z.enum(BILLINGS),
});

export type ItemValues = z.infer<typeof itemSchema>;

/** At least one item, and one period for all the recurring ones (the server's rule). */
export const itemsSchema = z
  .array(itemSchema)
  .min(1, 'Inclua ao menos um item.')
  .max(200, 'Use no máximo 200 itens.')
  .superRefine((items, ctx) => {
    let period: Billing | null = null;
    items.forEach((item, index) => {
      if (item.billing === 'one_time') return;
      if (period === null) period = item.billing;
      else if (item.billing !== period) {
        ctx.addIssue({
          code: 'custom',
          path: [index, 'billing'],
          message: 'Todos os itens recorrentes precisam ter a mesma periodicidade.',
        });
      }
    });
  });

export const emptyItem = (): ItemValues => ({
  product_id: null,
  description: '',
  unit: 'un',
  quantity: '1',
  price: '',
  discount: '',
  billing: 'one_time',
});

export const itemValuesFromLine = (item: LineItem): ItemValues => ({
  product_id: item.product_id ?? null,
  description: item.description,
  unit: item.unit,
  quantity: formatMilliForInput(item.quantity_milli),
  price: formatCentsForInput(item.unit_price_cents),
  discount: formatBpForInput(item.discount_bp),
  billing: item.billing,
});

/** What the API takes; call on values that passed `itemSchema`. */
export const itemInputFromValues = (item: ItemValues): ItemInput => ({
  product_id: item.product_id,
  description: item.description.trim(),
  unit: item.unit.trim() || null,
  quantity: milliToQuantity(parseQuantityToMilli(item.quantity) ?? 0),
  // Integer cents and basis points, from the text: never a float.
  unit_price_cents: parseMoneyToCents(item.price) ?? 0,
  discount_bp: parsePercentToBp(item.discount) ?? 0,
  billing: item.billing,
});

/** Server field names of an item → the form's (`items.2.unit_price_cents` → `items.2.price`). */
export function renameItemField(path: string): string {
  return path
    .replace(/^items\.(\d+)\.unit_price_cents$/, 'items.$1.price')
    .replace(/^items\.(\d+)\.discount_bp$/, 'items.$1.discount')
    .replace(/^items\.(\d+)\.product_id$/, 'items.$1.description');
}

export type LivePricing = {
  /** Per row; null while the row cannot be priced yet (empty or invalid numbers). */
  lines: (LineTotals | null)[];
  totals: Totals;
  /** The recurring period ('one_time' when nothing recurs). */
  recurrence: Billing;
  /** Some rows were left out of the totals. */
  incomplete: boolean;
  /** The numbers are beyond what can be priced. */
  error: string | null;
};

/**
 * Live totals while typing, by the server's rule; rows that cannot be priced
 * yet count as zero and are flagged.
 */
export function priceItems(items: readonly Partial<ItemValues>[], overallDiscount: string): LivePricing {
  const parsed = items.map((item) => {
    const quantityMilli = parseQuantityToMilli(item.quantity ?? '');
    const unitPriceCents = parseMoneyToCents(item.price ?? '');
    const discountBp = parsePercentToBp(item.discount ?? '');
    if (quantityMilli === null || unitPriceCents === null || unitPriceCents < 0 || discountBp === null) return null;
    return { quantityMilli, unitPriceCents, discountBp, recurring: (item.billing ?? 'one_time') !== 'one_time' };
  });
  const recurrence = items.find((item) => item.billing && item.billing !== 'one_time')?.billing ?? 'one_time';
  const overallBp = parsePercentToBp(overallDiscount) ?? 0;
  const empty: Totals = { lines: [], subtotalCents: 0, discountCents: 0, totalCents: 0, oneTimeCents: 0, recurringCents: 0 };
  try {
    const valid = parsed.filter((line) => line !== null);
    const totals = priceTotals(valid, overallBp);
    const lines = parsed.map((line) => (line ? priceLine(line) : null));
    return { lines, totals, recurrence, incomplete: valid.length < parsed.length, error: null };
  } catch (error) {
    const message = error instanceof PricingError ? error.message : 'Não foi possível calcular.';
    return { lines: parsed.map(() => null), totals: empty, recurrence, incomplete: true, error: message };
  }
}
