import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import type { Invoice, Payment } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatMoney, todayIso } from '@/lib/format';
import { createIdempotencyKeys } from '@/lib/idempotency';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useRegisterPayment } from '../api/save-payment';

import { MANUAL_PAYMENT_METHODS, PAYMENT_METHOD_LABELS } from './labels';

const schema = z.object({
  method: z.enum(MANUAL_PAYMENT_METHODS),
  amount: z.string().refine((value) => {
    const cents = parseMoneyToCents(value);
    return cents !== null && cents > 0;
  }, 'Informe o valor recebido, maior que zero.'),
  received_on: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Informe a data do recebimento.')
    .refine((value) => value <= todayIso(), 'A data não pode estar no futuro.'),
  reference: z.string().max(200, 'Use no máximo 200 caracteres.'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['method', 'amount', 'received_on', 'reference'] as const;
const rename = (path: string) => (path === 'amount_cents' ? 'amount' : path);

type Props = {
  open: boolean;
  onClose: () => void;
  invoice: Pick<Invoice, 'id' | 'label' | 'customer_name' | 'amount_due_cents' | 'fees_due_cents'>;
  onRegistered?: (payment: Payment) => void;
};

/** Money received by hand (PIX to the company's key, transfer, cash…) against one invoice. */
export function RegisterPaymentDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Registrar pagamento de ${props.invoice.label}`}
      description={`${props.invoice.customer_name} · a pagar hoje ${formatMoney(props.invoice.amount_due_cents)}`}
    >
      <RegisterPaymentForm {...props} />
    </Dialog>
  );
}

function RegisterPaymentForm({ invoice, onClose, onRegistered }: Props) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { method: 'pix', amount: formatCentsForInput(invoice.amount_due_cents), received_on: todayIso(), reference: '' },
  });
  const { errors } = form.formState;
  const register = useRegisterPayment();
  // One key per submission: a retry of the same values is recognised by the server.
  const [keyFor] = useState(createIdempotencyKeys);

  return (
    <form
      noValidate
      aria-label="Registrar pagamento"
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = {
          invoice_ids: [invoice.id],
          method: values.method,
          amount_cents: parseMoneyToCents(values.amount) ?? 0,
          received_on: values.received_on,
          reference: values.reference.trim(),
        };
        register.mutate(
          { input, idempotencyKey: keyFor(input) },
          {
            onSuccess: (payment) => {
              onRegistered?.(payment);
              onClose();
            },
            onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename),
          },
        );
      })}
    >
      <FormErrors message={register.error ? problemMessage(register.error) : null} extra={unmatchedFieldErrors(register.error, FIELDS, rename)} />
      <SelectField label="Forma de pagamento" required error={errors.method?.message} {...form.register('method')}>
        {MANUAL_PAYMENT_METHODS.map((method) => (
          <option key={method} value={method}>
            {PAYMENT_METHOD_LABELS[method]}
          </option>
        ))}
      </SelectField>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Valor recebido"
          prefix="R$"
          required
          inputMode="decimal"
          hint={invoice.fees_due_cents > 0 ? `Inclui ${formatMoney(invoice.fees_due_cents)} de multa e juros.` : 'Um valor acima vira crédito do cliente.'}
          error={errors.amount?.message}
          {...form.register('amount', {
            onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
              const cents = parseMoneyToCents(event.target.value);
              if (cents !== null) form.setValue('amount', formatCentsForInput(cents));
            },
          })}
        />
        <TextField label="Data do recebimento" type="date" required max={todayIso()} error={errors.received_on?.message} {...form.register('received_on')} />
      </div>
      <TextField
        label="Referência"
        placeholder="ID da transação, nº do comprovante…"
        maxLength={200}
        error={errors.reference?.message}
        {...form.register('reference')}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={register.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={register.isPending}>
          Registrar pagamento
        </Button>
      </div>
    </form>
  );
}
