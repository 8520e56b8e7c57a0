import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { ROLE_LABELS } from '@/lib/authorization';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { PASSWORD_HINT, passwordSchema } from '@/lib/password';
import { isApiError, problemMessage } from '@/lib/problem';

import { useAcceptInvitation, useInvitationPreview } from '../api/invitation';

const schema = z.object({
  name: z.string().trim().min(2, 'Informe seu nome.').max(200, 'Use no máximo 200 caracteres.'),
  password: passwordSchema,
});

type Values = z.infer<typeof schema>;

const FIELDS = ['name', 'password'] as const;

export function AcceptInvitationForm({ token, onSuccess }: { token: string; onSuccess: () => void }) {
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation({ onSuccess });
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { name: '', password: '' }, mode: 'onTouched' });
  const { errors } = form.formState;

  if (preview.isPending) return <PageSpinner label="Carregando convite…" />;

  if (preview.isError) {
    const notFound = isApiError(preview.error) && preview.error.status === 404;
    return (
      <div className="space-y-4">
        <Alert title={notFound ? 'Convite inválido ou expirado' : 'Não foi possível abrir o convite'}>
          {notFound
            ? 'Este link não vale mais. Peça a quem convidou você para enviar um novo convite.'
            : problemMessage(preview.error)}
        </Alert>
        <Link to={paths.auth.login.getHref()} className="text-sm font-medium text-indigo-700 hover:underline">
          Ir para o login
        </Link>
      </div>
    );
  }

  const invitation = preview.data;
  return (
    <div className="space-y-5">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md bg-slate-50 p-4 text-sm">
        <dt className="text-slate-500">Empresa</dt>
        <dd className="font-medium text-slate-900">{invitation.company_name}</dd>
        <dt className="text-slate-500">E-mail</dt>
        <dd className="font-medium break-all text-slate-900">{invitation.email}</dd>
        <dt className="text-slate-500">Papel</dt>
        <dd className="font-medium text-slate-900">{ROLE_LABELS[invitation.role] ?? invitation.role}</dd>
      </dl>
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit((values) =>
          accept.mutate({ token, ...values }, { onError: (error) => applyFieldErrors(error, form.setError, FIELDS) }),
        )}
      >
        <FormErrors
          message={accept.error ? problemMessage(accept.error, { 404: 'Este convite não vale mais.' }) : null}
          extra={unmatchedFieldErrors(accept.error, [...FIELDS, 'token'])}
        />
        <TextField label="Seu nome" autoComplete="name" required error={errors.name?.message} {...form.register('name')} />
        <TextField
          label="Crie uma senha"
          type="password"
          autoComplete="new-password"
          required
          hint={PASSWORD_HINT}
          error={errors.password?.message}
          {...form.register('password')}
        />
        <Button type="submit" className="w-full" isLoading={accept.isPending}>
          Aceitar convite e entrar
        </Button>
      </form>
    </div>
  );
}
