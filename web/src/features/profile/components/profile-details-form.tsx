import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { User } from '@/lib/api/models';
import { ROLE_LABELS } from '@/lib/authorization';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useUpdateProfile } from '../api/profile';

import { ProfileSection } from './profile-section';

// The server's rule, mirrored: a name, at most 200 characters.
const schema = z.object({
  name: z.string().trim().min(1, 'Informe seu nome.').max(200, 'O nome pode ter até 200 caracteres.'),
});

type Values = z.infer<typeof schema>;

const FIELDS = ['name'] as const;

/** "Seus dados": the name is the person's to change; e-mail and role are shown only. */
export function ProfileDetailsForm({ user }: { user: User }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    values: useMemo(() => ({ name: user.name }), [user.name]),
    resetOptions: { keepDirtyValues: true },
    mode: 'onTouched',
  });
  const { errors, isDirty } = form.formState;
  const update = useUpdateProfile();

  return (
    <ProfileSection title="Seus dados">
      <form
        noValidate
        className="space-y-4"
        onSubmit={form.handleSubmit(({ name }) =>
          update.mutate(
            { name },
            {
              onSuccess: (me) => form.reset({ name: me.user.name }),
              onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
            },
          ),
        )}
      >
        <FormErrors
          message={update.error ? problemMessage(update.error) : null}
          extra={unmatchedFieldErrors(update.error, FIELDS)}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Nome" required autoComplete="name" maxLength={200} error={errors.name?.message} {...form.register('name')} />
          <TextField
            label="E-mail"
            type="email"
            value={user.email}
            readOnly
            className="bg-slate-50 text-slate-600"
          />
        </div>
        <p className="text-sm text-slate-700">
          <span className="font-medium text-slate-800">Papel:</span> {ROLE_LABELS[user.role]}
        </p>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
          <div aria-live="polite">{update.isSuccess && !isDirty && <Alert tone="success">Dados salvos.</Alert>}</div>
          <Button type="submit" isLoading={update.isPending} disabled={!isDirty}>
            Salvar dados
          </Button>
        </div>
      </form>
    </ProfileSection>
  );
}
