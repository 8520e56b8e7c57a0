import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { PASSWORD_HINT, passwordSchema } from '@/lib/password';
import { problemMessage } from '@/lib/problem';

import { useResetPassword } from '../api/reset-password';

const schema = z
  .object({
    password: passwordSchema,
    confirm: z.string().min(1, 'Repita a nova senha.'),
  })
  .refine((values) => values.password === values.confirm, {
    message: 'As senhas não coincidem.',
    path: ['confirm'],
  });

type Values = z.infer<typeof schema>;

const FIELDS = ['password'] as const;

export function ResetPasswordForm({ token }: { token: string }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { password: '', confirm: '' },
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const reset = useResetPassword();

  if (reset.isSuccess) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="Senha alterada">
          Sua nova senha já vale. Entre com ela.
        </Alert>
        <Link
          to={paths.auth.login.getHref()}
          className="inline-flex h-10 w-full items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Ir para o login
        </Link>
      </div>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit(({ password }) =>
        reset.mutate({ token, password }, { onError: (error) => applyFieldErrors(error, form.setError, FIELDS) }),
      )}
    >
      <FormErrors
        message={reset.error ? problemMessage(reset.error) : null}
        extra={unmatchedFieldErrors(reset.error, [...FIELDS, 'token'])}
      />
      {reset.error && (
        <p className="text-sm text-slate-600">
          Link expirado ou já usado?{' '}
          <Link to={paths.auth.forgotPassword.getHref()} className="font-medium text-indigo-700 hover:underline">
            Peça um novo link
          </Link>
          .
        </p>
      )}
      <TextField
        label="Nova senha"
        type="password"
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        error={errors.password?.message}
        {...form.register('password')}
      />
      <TextField
        label="Repita a nova senha"
        type="password"
        autoComplete="new-password"
        required
        error={errors.confirm?.message}
        {...form.register('confirm')}
      />
      <Button type="submit" className="w-full" isLoading={reset.isPending}>
        Salvar nova senha
      </Button>
    </form>
  );
}
