import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { PASSWORD_HINT, passwordSchema } from '@/lib/password';
import { problemMessage } from '@/lib/problem';

import { useChangePassword } from '../api/profile';

import { ProfileSection } from './profile-section';

const schema = z
  .object({
    current_password: z.string().min(1, 'Informe a senha atual.'),
    new_password: passwordSchema,
    confirm: z.string().min(1, 'Repita a nova senha.'),
  })
  .refine((values) => values.new_password === values.confirm, {
    message: 'As senhas não coincidem.',
    path: ['confirm'],
  });

type Values = z.infer<typeof schema>;

const FIELDS = ['current_password', 'new_password'] as const;

const EMPTY: Values = { current_password: '', new_password: '', confirm: '' };

/** "Senha": changing it ends every other login of the person (this one stays). */
export function PasswordForm() {
  const form = useForm<Values>({ resolver: zodResolver(schema), defaultValues: EMPTY, mode: 'onTouched' });
  const { errors, isDirty } = form.formState;
  const change = useChangePassword();

  return (
    <ProfileSection title="Senha" description="Ao trocar a senha, você continua conectado aqui e sai dos outros dispositivos.">
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit(({ current_password, new_password }) =>
          change.mutate(
            { current_password, new_password },
            {
              onSuccess: () => form.reset(EMPTY),
              onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
            },
          ),
        )}
      >
        <FormErrors
          message={change.error ? problemMessage(change.error) : null}
          extra={unmatchedFieldErrors(change.error, FIELDS)}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Senha atual"
            type="password"
            autoComplete="current-password"
            required
            error={errors.current_password?.message}
            {...form.register('current_password')}
          />
          <TextField
            label="Nova senha"
            type="password"
            autoComplete="new-password"
            required
            hint={PASSWORD_HINT}
            error={errors.new_password?.message}
            {...form.register('new_password')}
          />
          <TextField
            label="Repita a nova senha"
            type="password"
            autoComplete="new-password"
            required
            error={errors.confirm?.message}
            {...form.register('confirm')}
          />
        </div>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
          <div aria-live="polite">
            {change.isSuccess && !isDirty && <Alert tone="success">Senha alterada. Suas outras sessões foram encerradas.</Alert>}
          </div>
          <Button type="submit" isLoading={change.isPending}>
            Alterar senha
          </Button>
        </div>
      </form>
    </ProfileSection>
  );
}
