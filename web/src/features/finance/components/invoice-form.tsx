import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField, TextField } from '@/components/ui/fields';
import type { Invoice } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { addDaysIso, formatMoney, todayIso } from '@/lib/format';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useCreateInvoice } from '../api/save-invoice';

import type { CustomerRef, RenderCustomerPicker } from './customer-picker-slot';
import {
  emptyInvoiceItem,
  INVOICE_FORM_FIELDS,
  invoiceFormSchema,
  invoiceServerField,
  invoiceTotals,
  toCreateInvoiceRequest,
  type InvoiceFormValues,
} from './invoice-form-schema';

type InvoiceFormProps = {
  customer?: CustomerRef | null;
  /** Days from issue to due date (the company's setting). */
  dueInDays: number;
  renderCustomerPicker: RenderCustomerPicker;
  onCreated: (invoice: Invoice) => void;
  onCancel: () => void;
};

/** An invoice typed by hand: issued at once ("Emitir fatura") or kept as a draft. */
export function InvoiceForm({ customer, dueInDays, renderCustomerPicker, onCreated, onCancel }: InvoiceFormProps) {
  const today = todayIso();
  const form = useForm<InvoiceFormValues>({
    resolver: zodResolver(invoiceFormSchema),
    defaultValues: {
      customer: customer ?? null,
      issue_date: today,
      due_date: addDaysIso(today, dueInDays),
      description: '',
      items: [emptyInvoiceItem()],
      discount: '',
    },
  });
  const { errors } = form.formState;
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'items' });
  const create = useCreateInvoice();
  const items = useWatch({ control: form.control, name: 'items' });
  const discount = useWatch({ control: form.control, name: 'discount' });
  const totals = useMemo(() => invoiceTotals(items ?? [], discount ?? ''), [items, discount]);
  const itemsError = errors.items?.message ?? errors.items?.root?.message;

  const submit = (draft: boolean) =>
    form.handleSubmit((values) =>
      create.mutate(toCreateInvoiceRequest(values, draft), {
        onSuccess: onCreated,
        onError: (error) => applyFieldErrors(error, form.setError, INVOICE_FORM_FIELDS, invoiceServerField),
      }),
    );

  const moneyBlur = (name: `items.${number}.price` | 'discount') => ({
    onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
      const cents = parseMoneyToCents(event.target.value);
      if (cents !== null) form.setValue(name, formatCentsForInput(cents));
    },
  });

  return (
    <form noValidate aria-label="Nova fatura" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" onSubmit={submit(false)}>
      <div className="min-w-0 space-y-6">
        <FormErrors
          message={create.error ? problemMessage(create.error) : null}
          extra={unmatchedFieldErrors(create.error, INVOICE_FORM_FIELDS, invoiceServerField)}
        />
        <section aria-labelledby="invoice-data-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="invoice-data-title" className="text-base font-semibold text-slate-900">
            Dados da fatura
          </h2>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="sm:col-span-2">
              <Controller
                control={form.control}
                name="customer"
                render={({ field, fieldState }) => (
                  <>
                    {renderCustomerPicker({
                      label: 'Cliente',
                      value: field.value,
                      onChange: (next) => field.onChange(next ? { id: next.id, name: next.name } : null),
                      error: fieldState.error?.message,
                      autoFocus: !field.value,
                    })}
                  </>
                )}
              />
            </div>
            <TextField label="Emissão" type="date" required error={errors.issue_date?.message} {...form.register('issue_date')} />
            <TextField label="Vencimento" type="date" required error={errors.due_date?.message} {...form.register('due_date')} />
            <TextAreaField
              label="Descrição"
              wrapperClassName="sm:col-span-2"
              rows={2}
              maxLength={1000}
              hint="Aparece na fatura e no e-mail ao cliente (opcional)."
              error={errors.description?.message}
              {...form.register('description')}
            />
          </div>
        </section>

        <section aria-labelledby="invoice-items-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="invoice-items-title" className="text-base font-semibold text-slate-900">
            Itens
          </h2>
          {itemsError && (
            <p role="alert" className="text-sm font-medium text-red-700">
              {itemsError}
            </p>
          )}
          <ol className="space-y-3">
            {fields.map((field, index) => {
              const n = index + 1;
              const itemErrors = errors.items?.[index];
              const total = totals.lines[index];
              return (
                <li key={field.id}>
                  <fieldset aria-label={`Item ${n}`} className="rounded-lg border border-slate-200 p-3 sm:p-4">
                    <div className="mb-2 flex items-center justify-between gap-2">
                      <p aria-hidden="true" className="text-sm font-semibold text-slate-800">
                        Item {n}
                      </p>
                      {fields.length > 1 && (
                        <Button size="sm" variant="ghost" aria-label={`Remover item ${n}`} onClick={() => remove(index)}>
                          Remover
                        </Button>
                      )}
                    </div>
                    <div className="grid grid-cols-2 gap-3 sm:grid-cols-12">
                      <TextField
                        label="Descrição"
                        required
                        wrapperClassName="col-span-2 sm:col-span-5"
                        error={itemErrors?.description?.message}
                        {...form.register(`items.${index}.description`)}
                      />
                      <TextField
                        label="Quantidade"
                        required
                        inputMode="decimal"
                        wrapperClassName="sm:col-span-3"
                        error={itemErrors?.quantity?.message}
                        {...form.register(`items.${index}.quantity`)}
                      />
                      <TextField
                        label="Preço unitário"
                        prefix="R$"
                        required
                        inputMode="decimal"
                        placeholder="0,00"
                        wrapperClassName="sm:col-span-4"
                        error={itemErrors?.price?.message}
                        {...form.register(`items.${index}.price`, moneyBlur(`items.${index}.price`))}
                      />
                      <p className="col-span-2 flex items-baseline justify-end gap-2 text-sm sm:col-span-12">
                        <span className="text-slate-600">Total do item</span>
                        <span className="font-semibold text-slate-900 tabular-nums" aria-live="polite" data-testid="item-total">
                          {total == null ? '—' : formatMoney(total)}
                        </span>
                      </p>
                    </div>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <Button variant="secondary" size="sm" onClick={() => append(emptyInvoiceItem(), { shouldFocus: true })}>
            + Adicionar item
          </Button>
        </section>
      </div>

      <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
        <section aria-labelledby="invoice-totals-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="invoice-totals-title" className="text-base font-semibold text-slate-900">
            Valores
          </h2>
          <TextField
            label="Desconto"
            prefix="R$"
            inputMode="decimal"
            placeholder="0,00"
            hint="Sobre a fatura toda."
            error={errors.discount?.message}
            {...form.register('discount', moneyBlur('discount'))}
          />
          <dl aria-live="polite" className="space-y-1.5 text-sm">
            <div className="flex items-baseline justify-between gap-4">
              <dt className="text-slate-600">Subtotal</dt>
              <dd className="tabular-nums" data-testid="subtotal">
                {formatMoney(totals.subtotalCents)}
              </dd>
            </div>
            {totals.discountCents > 0 && (
              <div className="flex items-baseline justify-between gap-4">
                <dt className="text-slate-600">Desconto</dt>
                <dd className="tabular-nums">− {formatMoney(totals.discountCents)}</dd>
              </div>
            )}
            <div className="flex items-baseline justify-between gap-4 border-t border-slate-200 pt-2 text-base font-semibold text-slate-900">
              <dt>Total</dt>
              <dd className="tabular-nums" data-testid="total">
                {formatMoney(totals.totalCents)}
              </dd>
            </div>
          </dl>
          <p className="text-xs text-slate-500">Prévia; o servidor confirma ao salvar.</p>
        </section>
        <div className="flex flex-col gap-2">
          <Button type="submit" disabled={create.isPending} isLoading={create.isPending && !create.variables?.draft}>
            Emitir fatura
          </Button>
          <Button variant="secondary" disabled={create.isPending} onClick={() => void submit(true)()} isLoading={create.isPending && Boolean(create.variables?.draft)}>
            Salvar como rascunho
          </Button>
          <Button variant="ghost" onClick={onCancel} disabled={create.isPending}>
            Cancelar
          </Button>
          <p className="text-xs text-slate-500">
            Emitida, a fatura fica em aberto para pagamento e os lembretes de cobrança são agendados. Um rascunho não é cobrado até ser
            emitido.
          </p>
        </div>
      </aside>
    </form>
  );
}
