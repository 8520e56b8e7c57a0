import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { Controller, FormProvider, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { Contract, Customer } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCreateContract } from '../api/save-contract';
import { emptyItem, itemInputFromValues, itemsSchema, priceItems, renameItemField } from '../utils/line-items';

import { AmountsSummary } from './amounts-summary';
import { CustomerPicker } from './customer-picker';
import { LineItemsFields } from './line-items-fields';

const optionalInt = (min: number, max: number, message: string) =>
  z.string().refine((value) => {
    const text = value.trim();
    if (text === '') return true;
    if (!/^\d+$/.test(text)) return false;
    const n = Number(text);
    return n >= min && n <= max;
  }, message);

const schema = z.object({
  customer: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .refine((value) => Boolean(value), 'Escolha o cliente.'),
  title: z.string().trim().min(1, 'Informe o título.').max(200, 'Use no máximo 200 caracteres.'),
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Informe a data de início.'),
  term_months: optionalInt(1, 600, 'Prazo entre 1 e 600 meses (ou vazio para indeterminado).'),
  billing_day: optionalInt(1, 31, 'Dia de cobrança entre 1 e 31.'),
  items: itemsSchema,
});
type Values = z.infer<typeof schema>;
const FIELDS = ['customer', 'title', 'start_date', 'term_months', 'billing_day', 'items'] as const;
const rename = (path: string) => (path === 'customer_id' ? 'customer' : renameItemField(path));

function today(): string {
  const date = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A contract typed by hand; it starts as a draft, to be signed on its page. */
export function ContractForm({
  customer,
  onCreated,
  onCancel,
}: {
  customer?: Pick<Customer, 'id' | 'name'> | null;
  onCreated: (contract: Contract) => void;
  onCancel: () => void;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      customer: customer ?? null,
      title: '',
      start_date: today(),
      term_months: '12',
      billing_day: '',
      items: [{ ...emptyItem(), billing: 'monthly', unit: 'mês' }],
    },
  });
  const { errors } = form.formState;
  const create = useCreateContract();
  const items = useWatch({ control: form.control, name: 'items' });
  const startDate = useWatch({ control: form.control, name: 'start_date' });
  const pricing = useMemo(() => priceItems(items ?? [], ''), [items]);
  const startDay = /^\d{4}-\d{2}-(\d{2})$/.exec(startDate ?? '')?.[1];

  return (
    <FormProvider {...form}>
      <form
        noValidate
        aria-label="Novo contrato"
        className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]"
        onSubmit={form.handleSubmit((values) =>
          create.mutate(
            {
              customer_id: values.customer?.id ?? '',
              title: values.title.trim(),
              start_date: values.start_date,
              term_months: values.term_months.trim() ? Number(values.term_months) : null,
              billing_day: values.billing_day.trim() ? Number(values.billing_day) : null,
              items: values.items.map(itemInputFromValues),
            },
            { onSuccess: onCreated, onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename) },
          ),
        )}
      >
        <div className="min-w-0 space-y-6">
          <FormErrors message={create.error ? problemMessage(create.error) : null} extra={unmatchedFieldErrors(create.error, FIELDS, rename)} />
          <section aria-labelledby="contract-data-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="contract-data-title" className="text-base font-semibold text-slate-900">
              Dados do contrato
            </h2>
            <div className="grid gap-4 sm:grid-cols-2">
              <div className="sm:col-span-2">
                <Controller
                  control={form.control}
                  name="customer"
                  render={({ field, fieldState }) => (
                    <CustomerPicker
                      label="Cliente"
                      value={field.value}
                      onChange={(next) => field.onChange(next ? { id: next.id, name: next.name } : null)}
                      error={fieldState.error?.message}
                      autoFocus={!field.value}
                    />
                  )}
                />
              </div>
              <TextField label="Título" required wrapperClassName="sm:col-span-2" error={errors.title?.message} {...form.register('title')} />
              <TextField label="Início" type="date" required error={errors.start_date?.message} {...form.register('start_date')} />
              <TextField
                label="Prazo (meses)"
                inputMode="numeric"
                hint="Vazio: indeterminado, até cancelar."
                error={errors.term_months?.message}
                {...form.register('term_months')}
              />
              <TextField
                label="Dia de cobrança"
                inputMode="numeric"
                placeholder={startDay ? String(Number(startDay)) : ''}
                hint={startDay ? `Vazio: dia ${Number(startDay)}, o da data de início.` : 'De 1 a 31.'}
                error={errors.billing_day?.message}
                {...form.register('billing_day')}
              />
            </div>
          </section>
          <section aria-labelledby="contract-items-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="contract-items-title" className="text-base font-semibold text-slate-900">
              Itens
            </h2>
            <LineItemsFields pricing={pricing} />
          </section>
        </div>
        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <section aria-labelledby="contract-totals-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="contract-totals-title" className="text-base font-semibold text-slate-900">
              Valores
            </h2>
            <div aria-live="polite">
              <AmountsSummary
                amounts={{
                  totalCents: pricing.totals.totalCents,
                  oneTimeCents: pricing.totals.oneTimeCents,
                  recurringCents: pricing.totals.recurringCents,
                  recurrence: pricing.recurrence,
                }}
              />
            </div>
            <p className="text-xs text-slate-500">{pricing.error ?? 'Prévia; o servidor confirma ao salvar.'}</p>
          </section>
          <div className="flex flex-col gap-2">
            <Button type="submit" isLoading={create.isPending}>
              Criar contrato
            </Button>
            <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>
              Cancelar
            </Button>
            <p className="text-xs text-slate-500">O contrato é criado como rascunho; assine-o na página dele.</p>
          </div>
        </aside>
      </form>
    </FormProvider>
  );
}
