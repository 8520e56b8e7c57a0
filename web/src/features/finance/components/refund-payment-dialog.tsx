import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/fields';
import type { Payment } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/format';
import { createIdempotencyKeys } from '@/lib/idempotency';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useRefundPayment } from '../api/save-payment';

import { PAYMENT_METHOD_LABELS } from './labels';

const FIELDS = ['amount', 'reason'] as const;
const rename = (path: string) => (path === 'amount_cents' ? 'amount' : path);

type Props = {
  payment: Payment | null;
  onClose: () => void;
};

/** Gives money back, fully or in part (up to what was received and not yet refunded). */
export function RefundPaymentDialog({ payment, onClose }: Props) {
  return (
    <Dialog
      open={payment !== null}
      onClose={onClose}
      title="Estornar pagamento"
      description={
        payment
          ? `${formatMoney(payment.amount_cents)} de ${payment.customer_name} (${PAYMENT_METHOD_LABELS[payment.method]}). Crédito do cliente é estornado primeiro, depois as faturas.`
          : undefined
      }
    >
      {payment && <RefundForm payment={payment} onClose={onClose} />}
    </Dialog>
  );
}

function RefundForm({ payment, onClose }: { payment: Payment; onClose: () => void }) {
  const refundable = payment.amount_cents - payment.refunded_cents;
  const schema = z.object({
    amount: z.string().refine((value) => {
      const cents = parseMoneyToCents(value);
      return cents !== null && cents > 0 && cents <= refundable;
    }, `Informe um valor entre R$ 0,01 e ${formatMoney(refundable)}.`),
    reason: z.string().trim().min(1, 'Informe o motivo do estorno.').max(1000, 'Use no máximo 1000 caracteres.'),
  });
  type Values = z.infer<typeof schema>;
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { amount: formatCentsForInput(refundable), reason: '' } });
  const { errors } = form.formState;
  const refund = useRefundPayment();
  const [keyFor] = useState(createIdempotencyKeys);

  return (
    <form
      noValidate
      aria-label="Estornar pagamento"
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = { amount_cents: parseMoneyToCents(values.amount) ?? refundable, reason: values.reason.trim() };
        refund.mutate(
          { id: payment.id, input, idempotencyKey: keyFor({ id: payment.id, ...input }) },
          { onSuccess: onClose, onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename) },
        );
      })}
    >
      <FormErrors message={refund.error ? problemMessage(refund.error) : null} extra={unmatchedFieldErrors(refund.error, FIELDS, rename)} />
      <TextField
        label="Valor a estornar"
        prefix="R$"
        required
        inputMode="decimal"
        hint={`Até ${formatMoney(refundable)}${payment.refunded_cents > 0 ? ` (já estornado: ${formatMoney(payment.refunded_cents)})` : ''}.`}
        error={errors.amount?.message}
        {...form.register('amount', {
          onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
            const cents = parseMoneyToCents(event.target.value);
            if (cents !== null) form.setValue('amount', formatCentsForInput(cents));
          },
        })}
      />
      <TextAreaField label="Motivo" required rows={2} error={errors.reason?.message} {...form.register('reason')} />
      <p className="text-xs text-slate-500">
        O estorno é registrado aqui; devolver o dinheiro ao cliente (PIX, transferência, painel do Stripe ou Asaas) é feito fora do sistema.
      </p>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={refund.isPending}>
          Voltar
        </Button>
        <Button type="submit" variant="danger" isLoading={refund.isPending}>
          Estornar
        </Button>
      </div>
    </form>
  );
}
