import { zodResolver } from '@hookform/resolvers/zod';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import type { Subscription } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { todayIso } from '@/lib/format';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useCreateSubscription } from '../api/save-subscription';

import type { CustomerRef, RenderCustomerPicker } from './customer-picker-slot';
import { INTERVAL_LABELS, INTERVALS } from './labels';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const schema = z
  .object({
    customer: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .refine((value) => Boolean(value), 'Escolha o cliente.'),
    description: z.string().trim().min(1, 'Descreva a assinatura (aparece nas faturas).').max(200, 'Use no máximo 200 caracteres.'),
    amount: z.string().refine((value) => {
      const cents = parseMoneyToCents(value);
      return cents !== null && cents > 0;
    }, 'Informe o valor por período, maior que zero.'),
    interval_months: z.enum(['1', '3', '12']),
    start_date: z.string().regex(ISO_DATE, 'Informe a data de início.'),
    anchor_day: z.string().refine((value) => {
      const text = value.trim();
      return text === '' || (/^\d{1,2}$/.test(text) && Number(text) >= 1 && Number(text) <= 31);
    }, 'Dia de cobrança entre 1 e 31.'),
    ends_on: z.string().refine((value) => value === '' || ISO_DATE.test(value), 'Data inválida.'),
  })
  .superRefine((values, ctx) => {
    if (values.ends_on && ISO_DATE.test(values.start_date) && values.ends_on <= values.start_date) {
      ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'O término deve ser depois do início.' });
    }
  });
type Values = z.infer<typeof schema>;
const FIELDS = ['customer', 'description', 'amount', 'interval_months', 'start_date', 'anchor_day', 'ends_on'] as const;
const rename = (path: string) => (path === 'customer_id' ? 'customer' : path === 'amount_cents' ? 'amount' : path);

type Props = {
  customer?: CustomerRef | null;
  renderCustomerPicker: RenderCustomerPicker;
  onCreated: (subscription: Subscription) => void;
  onCancel: () => void;
};

/** A subscription without a contract: billed every period from the start date; the first period at once. */
export function SubscriptionForm({ customer, renderCustomerPicker, onCreated, onCancel }: Props) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      customer: customer ?? null,
      description: '',
      amount: '',
      interval_months: '1',
      start_date: todayIso(),
      anchor_day: '',
      ends_on: '',
    },
  });
  const { errors } = form.formState;
  const create = useCreateSubscription();
  const startDate = useWatch({ control: form.control, name: 'start_date' });
  const startDay = /^\d{4}-\d{2}-(\d{2})$/.exec(startDate ?? '')?.[1];

  return (
    <form
      noValidate
      aria-label="Nova assinatura"
      className="space-y-6"
      onSubmit={form.handleSubmit((values) =>
        create.mutate(
          {
            customer_id: values.customer?.id ?? '',
            description: values.description.trim(),
            amount_cents: parseMoneyToCents(values.amount) ?? 0,
            interval_months: Number(values.interval_months),
            start_date: values.start_date,
            anchor_day: values.anchor_day.trim() ? Number(values.anchor_day) : null,
            ends_on: values.ends_on || null,
          },
          { onSuccess: onCreated, onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename) },
        ),
      )}
    >
      <FormErrors message={create.error ? problemMessage(create.error) : null} extra={unmatchedFieldErrors(create.error, FIELDS, rename)} />
      <section className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
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
          <TextField
            label="Descrição"
            required
            wrapperClassName="sm:col-span-2"
            placeholder="Plano Pro — suporte e licenças"
            error={errors.description?.message}
            {...form.register('description')}
          />
          <TextField
            label="Valor por período"
            prefix="R$"
            required
            inputMode="decimal"
            placeholder="0,00"
            error={errors.amount?.message}
            {...form.register('amount', {
              onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
                const cents = parseMoneyToCents(event.target.value);
                if (cents !== null) form.setValue('amount', formatCentsForInput(cents));
              },
            })}
          />
          <SelectField label="Periodicidade" required error={errors.interval_months?.message} {...form.register('interval_months')}>
            {INTERVALS.map((months) => (
              <option key={months} value={String(months)}>
                {INTERVAL_LABELS[months]}
              </option>
            ))}
          </SelectField>
          <TextField label="Início" type="date" required error={errors.start_date?.message} {...form.register('start_date')} />
          <TextField
            label="Dia de cobrança"
            inputMode="numeric"
            placeholder={startDay ? String(Number(startDay)) : ''}
            hint={startDay ? `Vazio: dia ${Number(startDay)}, o da data de início. 29 a 31 viram o último dia nos meses mais curtos.` : 'De 1 a 31.'}
            error={errors.anchor_day?.message}
            {...form.register('anchor_day')}
          />
          <TextField
            label="Término"
            type="date"
            hint="Vazio: até cancelar."
            error={errors.ends_on?.message}
            {...form.register('ends_on')}
          />
        </div>
        <p className="text-sm text-slate-600">
          A fatura de cada período é emitida no dia de cobrança, com o vencimento definido nas configurações do financeiro. O primeiro período
          já começado é faturado ao criar.
        </p>
      </section>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={create.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Criar assinatura
        </Button>
      </div>
    </form>
  );
}
