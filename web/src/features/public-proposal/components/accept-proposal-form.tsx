import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { formatCpfOrCnpj, isValidCpfOrCnpj, normalizeCpfOrCnpj } from '@/lib/br/cpf-cnpj';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useAcceptPublicProposal } from '../api/decide-public-proposal';

const isEmail = (value: string) => z.email().safeParse(value).success;

export const acceptSchema = z
  .object({
    name: z.string().trim().min(3, 'Informe seu nome completo.').max(200, 'Use no máximo 200 caracteres.'),
    document: z.string(),
    email: z.string().trim(),
    consent: z.boolean().refine((value) => value, 'Marque a declaração para aceitar.'),
  })
  .superRefine((values, ctx) => {
    const document = values.document.trim();
    const email = values.email.trim();
    if (!document && !email) {
      ctx.addIssue({ code: 'custom', path: ['document'], message: 'Informe seu CPF/CNPJ ou e-mail.' });
      return;
    }
    if (document && !isValidCpfOrCnpj(document)) {
      const cpf = /^\d{0,11}$/.test(normalizeCpfOrCnpj(document));
      ctx.addIssue({ code: 'custom', path: ['document'], message: cpf ? 'CPF inválido: confira os números.' : 'CNPJ inválido: confira os caracteres.' });
    }
    if (email && !isEmail(email)) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'E-mail inválido.' });
    }
  });
export type AcceptValues = z.infer<typeof acceptSchema>;
const FIELDS = ['name', 'document', 'email'] as const;

type AcceptProposalFormProps = {
  token: string;
  /** "PROP-0001", for the declaration. */
  label: string;
  onAccepted: (name: string) => void;
  onCancel: () => void;
};

/** Full name and CPF/CNPJ or e-mail, plus the declaration; the server records time and IP. */
export function AcceptProposalForm({ token, label, onAccepted, onCancel }: AcceptProposalFormProps) {
  const form = useForm<AcceptValues>({
    resolver: zodResolver(acceptSchema),
    defaultValues: { name: '', document: '', email: '', consent: false },
  });
  const { errors } = form.formState;
  const accept = useAcceptPublicProposal();
  const documentField = form.register('document');

  return (
    <form
      noValidate
      aria-label="Aceitar proposta"
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        accept.mutate(
          {
            token,
            input: {
              name: values.name.trim(),
              document: values.document.trim() ? normalizeCpfOrCnpj(values.document) : null,
              email: values.email.trim() || null,
            },
          },
          {
            onSuccess: () => onAccepted(values.name.trim()),
            onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
          },
        ),
      )}
    >
      <FormErrors message={accept.error ? problemMessage(accept.error) : null} extra={unmatchedFieldErrors(accept.error, FIELDS)} />
      <TextField label="Nome completo" required autoComplete="name" autoFocus error={errors.name?.message} {...form.register('name')} />
      <div className="space-y-3 rounded-md bg-slate-50 p-3">
        <p className="text-sm text-slate-700">Para identificar você, informe o CPF/CNPJ ou o e-mail (pelo menos um).</p>
        <TextField
          label="CPF ou CNPJ"
          autoComplete="off"
          autoCapitalize="characters"
          inputMode="text"
          placeholder="000.000.000-00"
          error={errors.document?.message}
          {...documentField}
          onChange={(event) => {
            event.target.value = formatCpfOrCnpj(event.target.value);
            void documentField.onChange(event);
          }}
        />
        <TextField label="E-mail" type="email" autoComplete="email" error={errors.email?.message} {...form.register('email')} />
      </div>
      <div className="space-y-1">
        <label className="flex items-start gap-3 text-sm text-slate-800">
          <input
            type="checkbox"
            className="mt-0.5 size-5 shrink-0"
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? 'accept-consent-error' : undefined}
            {...form.register('consent')}
          />
          <span>
            Declaro que li e aceito a proposta {label}, com os itens, valores e condições acima.
          </span>
        </label>
        {errors.consent && (
          <p id="accept-consent-error" className="text-xs font-medium text-red-700">
            {errors.consent.message}
          </p>
        )}
      </div>
      <p className="text-xs text-slate-500">Registramos seu nome, o documento ou e-mail informado, a data, a hora e o endereço IP deste aceite.</p>
      <div className="flex flex-col gap-2 sm:flex-row-reverse">
        <Button type="submit" isLoading={accept.isPending} className="w-full sm:w-auto">
          Confirmar aceite
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={accept.isPending} className="w-full sm:w-auto">
          Voltar
        </Button>
      </div>
    </form>
  );
}
