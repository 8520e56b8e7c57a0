import { Controller, useFieldArray, useFormContext, useWatch } from 'react-hook-form';

import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { BILLING_LABELS } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';

import { BILLINGS, emptyItem, type ItemValues, type LivePricing } from '../utils/line-items';

import { ItemDescriptionField } from './item-description-field';

/** The part of a form these fields use (proposal and contract forms both have it). */
export type ItemsFormValues = { items: ItemValues[] };

/**
 * The editable item rows of a proposal or contract, inside a <FormProvider>.
 * `pricing` holds the live per-row totals the parent computed.
 */
export function LineItemsFields({ pricing }: { pricing: LivePricing }) {
  const form = useFormContext<ItemsFormValues>();
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'items' });
  const { errors } = form.formState;
  const itemsError = errors.items?.message ?? errors.items?.root?.message;

  return (
    <div className="space-y-3">
      {itemsError && (
        <p role="alert" className="text-sm font-medium text-red-700">
          {itemsError}
        </p>
      )}
      <ol className="space-y-3">
        {fields.map((field, index) => (
          <li key={field.id}>
            <ItemRow index={index} total={pricing.lines[index]?.totalCents ?? null} onRemove={fields.length > 1 ? () => remove(index) : undefined} />
          </li>
        ))}
      </ol>
      <Button variant="secondary" size="sm" onClick={() => append(emptyItem(), { shouldFocus: true })}>
        + Adicionar item
      </Button>
    </div>
  );
}

function ItemRow({ index, total, onRemove }: { index: number; total: number | null; onRemove?: () => void }) {
  const form = useFormContext<ItemsFormValues>();
  const errors = form.formState.errors.items?.[index];
  const productId = useWatch({ control: form.control, name: `items.${index}.product_id` });
  const n = index + 1;
  const name = <K extends keyof ItemValues>(key: K) => `items.${index}.${key}` as const;

  return (
    <fieldset aria-label={`Item ${n}`} className="rounded-lg border border-slate-200 p-3 sm:p-4">
      <div className="mb-2 flex items-center justify-between gap-2">
        <p aria-hidden="true" className="text-sm font-semibold text-slate-800">
          Item {n}
          {productId && <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">do catálogo</span>}
        </p>
        <div className="flex items-center gap-1">
          {productId && (
            <Button size="sm" variant="ghost" onClick={() => form.setValue(name('product_id'), null, { shouldDirty: true })}>
              Desvincular do catálogo
            </Button>
          )}
          {onRemove && (
            <Button size="sm" variant="ghost" aria-label={`Remover item ${n}`} onClick={onRemove}>
              Remover
            </Button>
          )}
        </div>
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-12">
        <div className="col-span-2 sm:col-span-8">
          <Controller
            control={form.control}
            name={name('description')}
            render={({ field, fieldState }) => (
              <ItemDescriptionField
                label="Descrição"
                value={field.value}
                ref={field.ref}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
                onPickProduct={(product) => {
                  const opts = { shouldDirty: true, shouldValidate: form.formState.isSubmitted };
                  form.setValue(name('product_id'), product.id, opts);
                  form.setValue(name('description'), product.name, opts);
                  form.setValue(name('unit'), product.unit, opts);
                  form.setValue(name('price'), formatCentsForInput(product.price_cents), opts);
                  form.setValue(name('billing'), product.billing, opts);
                }}
              />
            )}
          />
        </div>
        <SelectField label="Cobrança" wrapperClassName="col-span-2 sm:col-span-4" error={errors?.billing?.message} {...form.register(name('billing'))}>
          {BILLINGS.map((billing) => (
            <option key={billing} value={billing}>
              {BILLING_LABELS[billing]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Quantidade"
          required
          inputMode="decimal"
          wrapperClassName="sm:col-span-3"
          error={errors?.quantity?.message}
          {...form.register(name('quantity'))}
        />
        <TextField label="Unidade" wrapperClassName="sm:col-span-2" placeholder="un" error={errors?.unit?.message} {...form.register(name('unit'))} />
        <TextField
          label="Preço unitário"
          prefix="R$"
          required
          inputMode="decimal"
          placeholder="0,00"
          wrapperClassName="sm:col-span-4"
          error={errors?.price?.message}
          {...form.register(name('price'), {
            onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
              const cents = parseMoneyToCents(event.target.value);
              if (cents !== null) form.setValue(name('price'), formatCentsForInput(cents));
            },
          })}
        />
        <TextField
          label="Desconto (%)"
          inputMode="decimal"
          placeholder="0"
          wrapperClassName="sm:col-span-3"
          error={errors?.discount?.message}
          {...form.register(name('discount'))}
        />
        <p className="col-span-2 flex items-baseline justify-end gap-2 text-sm sm:col-span-12">
          <span className="text-slate-600">Total do item</span>
          <span className="font-semibold text-slate-900 tabular-nums" aria-live="polite" data-testid="item-total">
            {total === null ? '—' : formatMoney(total)}
          </span>
        </p>
      </div>
    </fieldset>
  );
}
