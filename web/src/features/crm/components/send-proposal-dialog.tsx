import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/fields';
import { Spinner } from '@/components/ui/spinner';
import type { Proposal, SentProposal } from '@/lib/api/models';
import { proposalNumber } from '@/lib/commercial';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCustomer } from '../api/get-customer';
import { useSendProposal } from '../api/send-proposal';

const schema = z.object({
  to: z.string().trim().min(1, 'Informe o e-mail de quem recebe.').pipe(z.email('Informe um e-mail válido.')),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['to'] as const;

type Props = {
  open: boolean;
  onClose: () => void;
  proposal: Pick<Proposal, 'id' | 'number' | 'customer_id' | 'customer_name' | 'status'>;
  onSent: (sent: SentProposal, to: string) => void;
};

export function SendProposalDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      title={`Enviar ${proposalNumber(props.proposal.number)}`}
      description="O cliente recebe o PDF por e-mail com um link para ver, aceitar ou recusar a proposta."
    >
      <SendForm {...props} />
    </Dialog>
  );
}

function SendForm({ onClose, proposal, onSent }: Props) {
  const customer = useCustomer(proposal.customer_id);
  if (customer.isPending) return <Spinner label="Carregando os e-mails do cliente…" />;
  return <SendFormBody key={customer.data?.id ?? 'none'} defaultTo={customer.data?.emails[0] ?? ''} onClose={onClose} proposal={proposal} onSent={onSent} />;
}

function SendFormBody({ defaultTo, onClose, proposal, onSent }: Omit<Props, 'open'> & { defaultTo: string }) {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { to: defaultTo } });
  const send = useSendProposal();
  const resent = proposal.status === 'sent' || proposal.status === 'viewed';
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        send.mutate(
          { id: proposal.id, to: values.to.trim() },
          {
            onSuccess: (sent) => onSent(sent, values.to.trim()),
            onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
          },
        ),
      )}
    >
      <FormErrors message={send.error ? problemMessage(send.error) : null} extra={unmatchedFieldErrors(send.error, FIELDS)} />
      <TextField
        label="E-mail do destinatário"
        type="email"
        required
        autoFocus
        hint={defaultTo ? `Sugerido: o primeiro e-mail de ${proposal.customer_name}.` : `${proposal.customer_name} não tem e-mail cadastrado.`}
        error={form.formState.errors.to?.message}
        {...form.register('to')}
      />
      {resent && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Esta proposta já foi enviada. Enviar de novo gera um novo link, e o link anterior deixa de funcionar.
        </p>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={send.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={send.isPending}>
          Enviar proposta
        </Button>
      </div>
    </form>
  );
}
