import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField } from '@/components/ui/fields';
import type { Invoice } from '@/lib/api/models';
import { applyFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCancelInvoice } from '../api/save-invoice';

const schema = z.object({
  reason: z.string().trim().min(1, 'Informe o motivo do cancelamento.').max(1000, 'Use no máximo 1000 caracteres.'),
});

type Props = { open: boolean; onClose: () => void; invoice: Pick<Invoice, 'id' | 'label'> };

export function CancelInvoiceDialog({ open, onClose, invoice }: Props) {
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Cancelar ${invoice.label}?`}
      description="A fatura deixa de ser cobrada (sem lembretes nem link de pagamento). O motivo fica no histórico do cliente."
    >
      <CancelForm invoice={invoice} onClose={onClose} />
    </Dialog>
  );
}

function CancelForm({ invoice, onClose }: Omit<Props, 'open'>) {
  const form = useForm<z.infer<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { reason: '' } });
  const cancel = useCancelInvoice();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        cancel.mutate(
          { id: invoice.id, reason: values.reason.trim() },
          { onSuccess: onClose, onError: (error) => applyFieldErrors(error, form.setError, ['reason']) },
        ),
      )}
    >
      <FormErrors message={cancel.error ? problemMessage(cancel.error) : null} />
      <TextAreaField label="Motivo" required autoFocus rows={3} error={form.formState.errors.reason?.message} {...form.register('reason')} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={cancel.isPending}>
          Voltar
        </Button>
        <Button type="submit" variant="danger" isLoading={cancel.isPending}>
          Cancelar fatura
        </Button>
      </div>
    </form>
  );
}
