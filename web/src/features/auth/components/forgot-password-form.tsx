import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useForgotPassword } from '../api/forgot-password';

const schema = z.object({
  email: z.string().trim().min(1, 'Informe seu e-mail.').pipe(z.email('Informe um e-mail válido.')),
});

type Values = z.infer<typeof schema>;

const FIELDS = ['email'] as const;

export function ForgotPasswordForm() {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '' }, mode: 'onTouched' });
  const forgot = useForgotPassword();

  if (forgot.isSuccess) {
    return (
      <Alert tone="success" title="Verifique seu e-mail">
        Se <strong>{forgot.variables.email}</strong> tiver uma conta, enviamos um link para criar uma nova senha. O link
        vale por tempo limitado.
      </Alert>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        forgot.mutate(values, { onError: (error) => applyFieldErrors(error, form.setError, FIELDS) }),
      )}
    >
      <FormErrors
        message={forgot.error ? problemMessage(forgot.error) : null}
        extra={unmatchedFieldErrors(forgot.error, FIELDS)}
      />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="email"
        required
        error={form.formState.errors.email?.message}
        {...form.register('email')}
      />
      <Button type="submit" className="w-full" isLoading={forgot.isPending}>
        Enviar link
      </Button>
    </form>
  );
}
