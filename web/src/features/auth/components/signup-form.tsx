import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { PASSWORD_HINT, passwordSchema } from '@/lib/password';
import { problemMessage } from '@/lib/problem';

import { useSignup } from '../api/signup';

const signupSchema = z.object({
  company_name: z.string().trim().min(2, 'Informe o nome da empresa.').max(200, 'Use no máximo 200 caracteres.'),
  name: z.string().trim().min(2, 'Informe seu nome.').max(200, 'Use no máximo 200 caracteres.'),
  email: z.string().trim().min(1, 'Informe seu e-mail.').pipe(z.email('Informe um e-mail válido.')),
  password: passwordSchema,
});

type SignupValues = z.infer<typeof signupSchema>;

const FIELDS = ['company_name', 'name', 'email', 'password'] as const;

export function SignupForm({ onSuccess }: { onSuccess: () => void }) {
  const form = useForm<SignupValues>({
    resolver: zodResolver(signupSchema),
    defaultValues: { company_name: '', name: '', email: '', password: '' },
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const signup = useSignup({ onSuccess });

  if (signup.isSuccess && signup.data === null) {
    return (
      <Alert tone="success" title="Confira seu e-mail">
        Enviamos uma mensagem para {signup.variables.email} com o próximo passo.
      </Alert>
    );
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        signup.mutate(values, { onError: (error) => applyFieldErrors(error, form.setError, FIELDS) }),
      )}
    >
      <FormErrors
        message={signup.error ? problemMessage(signup.error) : null}
        extra={unmatchedFieldErrors(signup.error, FIELDS)}
      />
      <TextField
        label="Nome da empresa"
        autoComplete="organization"
        required
        error={errors.company_name?.message}
        {...form.register('company_name')}
      />
      <TextField label="Seu nome" autoComplete="name" required error={errors.name?.message} {...form.register('name')} />
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
        autoComplete="new-password"
        required
        hint={PASSWORD_HINT}
        error={errors.password?.message}
        {...form.register('password')}
      />
      <Button type="submit" className="w-full" isLoading={signup.isPending}>
        Criar conta
      </Button>
    </form>
  );
}
