import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import type { Invoice, SentInvoice } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { createIdempotencyKeys } from '@/lib/idempotency';
import { problemMessage } from '@/lib/problem';

import { useSendInvoice } from '../api/save-invoice';

const schema = z.object({
  to: z.string().refine((value) => value === '' || z.email().safeParse(value).success, 'Informe um e-mail válido.'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['to'] as const;

type Props = {
  open: boolean;
  onClose: () => void;
  invoice: Pick<Invoice, 'id' | 'label' | 'customer_name'>;
  onSent: (sent: SentInvoice) => void;
};

/** E-mails the PDF with the payment link. */
export function SendInvoiceDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Enviar ${props.invoice.label} por e-mail`}
      description="O cliente recebe o PDF da fatura e o link para pagar por PIX, boleto ou cartão."
    >
      <SendForm {...props} />
    </Dialog>
  );
}

function SendForm({ invoice, onClose, onSent }: Omit<Props, 'open'>) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { to: '' } });
  const send = useSendInvoice();
  const [keyFor] = useState(createIdempotencyKeys);
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const to = values.to.trim() || null;
        send.mutate(
          { id: invoice.id, to, idempotencyKey: keyFor({ id: invoice.id, to }) },
          {
            onSuccess: (sent) => {
              onSent(sent);
              onClose();
            },
            onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
          },
        );
      })}
    >
      <FormErrors message={send.error ? problemMessage(send.error) : null} extra={unmatchedFieldErrors(send.error, FIELDS)} />
      <TextField
        label="E-mail do destinatário"
        type="email"
        autoFocus
        hint={`Vazio: o primeiro e-mail do cadastro de ${invoice.customer_name}.`}
        error={form.formState.errors.to?.message}
        {...form.register('to', { setValueAs: (value: string) => value.trim() })}
      />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={send.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={send.isPending}>
          Enviar fatura
        </Button>
      </div>
    </form>
  );
}
