import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import { ROLE_LABELS, ROLE_PURPOSES, ROLES } from '@/lib/authorization';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { isApiError, problemMessage } from '@/lib/problem';

import { useCreateInvitation } from '../api/create-invitation';

// An owner is made by promoting someone already in the company, not by invitation.
const INVITABLE_ROLES = ROLES.filter((role) => role !== 'owner');

const schema = z.object({
  email: z.string().trim().min(1, 'Informe o e-mail.').pipe(z.email('Informe um e-mail válido.')),
  role: z.enum(INVITABLE_ROLES, { error: 'Escolha um papel.' }),
});

type Values = z.infer<typeof schema>;

const FIELDS = ['email', 'role'] as const;

export function InviteUserForm() {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', role: 'agent' },
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const invite = useCreateInvitation();
  const role = useWatch({ control: form.control, name: 'role' });
  const planLimit = isApiError(invite.error) ? invite.error.planLimit : null;

  return (
    <section aria-labelledby="invite-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="invite-title" className="text-lg font-semibold text-slate-900">
        Convidar pessoa
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Enviamos um e-mail com um link para a pessoa criar a senha e entrar na sua empresa.
      </p>
      <form
        noValidate
        className="mt-4 space-y-4"
        onSubmit={form.handleSubmit((values) =>
          invite.mutate(values, {
            onSuccess: () => form.reset({ email: '', role: values.role }),
            onError: (error) => {
              if (isApiError(error) && error.status === 409) {
                form.setError('email', { type: 'server', message: problemMessage(error) }, { shouldFocus: true });
              } else {
                applyFieldErrors(error, form.setError, FIELDS);
              }
            },
          }),
        )}
      >
        <div aria-live="assertive" aria-atomic="true">
          {invite.isError && planLimit ? (
            <Alert title="Limite do plano atingido">
              <p>{problemMessage(invite.error)}</p>
              <Link
                to={paths.app.settings.plan.getHref()}
                className="mt-2 inline-block font-semibold text-red-900 underline"
              >
                Faça upgrade do plano
              </Link>
            </Alert>
          ) : invite.isError && !(isApiError(invite.error) && invite.error.status === 409) ? (
            <Alert>
              <p>{problemMessage(invite.error)}</p>
              {unmatchedFieldErrors(invite.error, FIELDS).map((item) => (
                <p key={item}>{item}</p>
              ))}
            </Alert>
          ) : null}
        </div>
        <div aria-live="polite">
          {invite.isSuccess && (
            <Alert tone="success">
              Convite enviado para <strong>{invite.data.email}</strong>.
            </Alert>
          )}
        </div>
        <div className="grid gap-4 sm:grid-cols-[1fr_14rem_auto] sm:items-start">
          <TextField
            label="E-mail"
            type="email"
            autoComplete="off"
            required
            error={errors.email?.message}
            {...form.register('email')}
          />
          <SelectField label="Papel" required hint={ROLE_PURPOSES[role]} error={errors.role?.message} {...form.register('role')}>
            {INVITABLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </SelectField>
          <Button type="submit" isLoading={invite.isPending} className="sm:mt-6">
            Enviar convite
          </Button>
        </div>
      </form>
    </section>
  );
}
