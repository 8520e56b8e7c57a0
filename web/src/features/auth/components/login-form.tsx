import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useLogin } from '../api/login';

const loginSchema = z.object({
  email: z.string().trim().min(1, 'Informe seu e-mail.').pipe(z.email('Informe um e-mail válido.')),
  password: z.string().min(1, 'Informe sua senha.'),
});

type LoginValues = z.infer<typeof loginSchema>;

const FIELDS = ['email', 'password'] as const;

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: '', password: '' },
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const login = useLogin({ onSuccess });

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        login.mutate(values, {
          onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
        }),
      )}
    >
      <FormErrors
        message={login.error ? problemMessage(login.error, { 401: 'E-mail ou senha incorretos.' }) : null}
        extra={unmatchedFieldErrors(login.error, FIELDS)}
      />
      <TextField
        label="E-mail"
        type="email"
        autoComplete="email"
        required
        error={errors.email?.message}
        {...form.register('email')}
      />
      <TextField
        label="Senha"
        type="password"
        autoComplete="current-password"
        required
        error={errors.password?.message}
        {...form.register('password')}
      />
      <div className="flex justify-end text-sm">
        <Link to={paths.auth.forgotPassword.getHref()} className="font-medium text-indigo-700 hover:underline">
          Esqueci minha senha
        </Link>
      </div>
      <Button type="submit" className="w-full" isLoading={login.isPending}>
        Entrar
      </Button>
    </form>
  );
}
