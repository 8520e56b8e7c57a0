import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/fields';
import { applyFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useRejectPublicProposal } from '../api/decide-public-proposal';

const schema = z.object({
  reason: z.string().trim().min(1, 'Conte o motivo da recusa.').max(2000, 'Use no máximo 2000 caracteres.'),
});
type Values = z.infer<typeof schema>;

export function RejectProposalForm({ token, onRejected, onCancel }: { token: string; onRejected: () => void; onCancel: () => void }) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { reason: '' } });
  const reject = useRejectPublicProposal();
  return (
    <form
      noValidate
      aria-label="Recusar proposta"
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        reject.mutate(
          { token, input: { reason: values.reason.trim() } },
          { onSuccess: onRejected, onError: (error) => applyFieldErrors(error, form.setError, ['reason']) },
        ),
      )}
    >
      <FormErrors message={reject.error ? problemMessage(reject.error) : null} />
      <TextAreaField
        label="Motivo da recusa"
        required
        autoFocus
        rows={4}
        placeholder="Preço, prazo, escolhemos outro fornecedor…"
        hint="Quem enviou a proposta recebe este motivo."
        error={form.formState.errors.reason?.message}
        {...form.register('reason')}
      />
      <div className="flex flex-col gap-2 sm:flex-row-reverse">
        <Button type="submit" variant="danger" isLoading={reject.isPending} className="w-full sm:w-auto">
          Confirmar recusa
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={reject.isPending} className="w-full sm:w-auto">
          Voltar
        </Button>
      </div>
    </form>
  );
}
