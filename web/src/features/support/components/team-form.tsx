import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { SaveTeamRequest, Team } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { isApiError, problemMessage } from '@/lib/problem';

import { useCreateTeam, useUpdateTeam } from '../api/teams';
import { sortWindows, validateBusinessHours } from '../utils/business-hours';

import { BusinessHoursEditor } from './business-hours-editor';

const SUPPORT_ROLES = ['owner', 'admin', 'manager', 'agent'];

const schema = z.object({
  name: z.string().trim().min(1, 'Dê um nome à equipe.').max(100, 'Até 100 caracteres.'),
  members: z.array(
    z.object({
      user_id: z.string().min(1),
      name: z.string(),
      capacity: z.string().refine((value) => /^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 500, 'De 1 a 500 tickets.'),
    }),
  ),
  business_hours: z
    .array(z.object({ weekday: z.number(), opens: z.string(), closes: z.string() }))
    .superRefine((windows, ctx) => {
      if (Object.keys(validateBusinessHours(windows)).length > 0) ctx.addIssue({ code: 'custom', message: 'Corrija os horários marcados.' });
    }),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['name', 'members', 'business_hours'] as const;

export function toSaveTeamRequest(values: Values): SaveTeamRequest {
  return {
    name: values.name.trim(),
    business_hours: sortWindows(values.business_hours),
    members: values.members.map((member) => ({ user_id: member.user_id, capacity: Number(member.capacity) })),
  };
}

/** Server messages for rows of the hours ("business_hours[1]" → 1). */
function hoursErrors(error: unknown): Record<number, string> {
  if (!isApiError(error)) return {};
  const out: Record<number, string> = {};
  for (const { field, message } of error.fieldErrors) {
    const match = /^business_hours\[(\d+)\]/.exec(field);
    if (match) out[Number(match[1])] = message;
  }
  return out;
}

/** A team: name, members with how many open tickets each takes at most, and opening hours for the SLA. */
export function TeamForm({ team, onSaved, onCancel }: { team: Team | null; onSaved: (team: Team) => void; onCancel: () => void }) {
  const users = useAllUsers();
  const create = useCreateTeam();
  const update = useUpdateTeam();
  const save = team ? update : create;
  const [adding, setAdding] = useState('');
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: team?.name ?? '',
      members: (team?.members ?? []).map((member) => ({ user_id: member.user_id, name: member.name, capacity: String(member.capacity) })),
      business_hours: team?.business_hours ?? [],
    },
  });
  const { errors, isSubmitted } = form.formState;
  const members = useFieldArray({ control: form.control, name: 'members' });
  const watchedMembers = useWatch({ control: form.control, name: 'members' });
  const memberIds = new Set((watchedMembers ?? []).map((member) => member.user_id));
  const candidates = (users.data ?? []).filter((user) => user.active && SUPPORT_ROLES.includes(user.role) && !memberIds.has(user.id));

  return (
    <form
      noValidate
      aria-label={team ? 'Editar equipe' : 'Nova equipe'}
      className="space-y-5"
      onSubmit={form.handleSubmit((values) =>
        (team
          ? update.mutateAsync({ id: team.id, input: toSaveTeamRequest(values) })
          : create.mutateAsync(toSaveTeamRequest(values))
        ).then(onSaved, (error: unknown) => applyFieldErrors(error, form.setError, FIELDS)),
      )}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />
      <TextField label="Nome da equipe" required autoFocus placeholder="ex.: Suporte N1" error={errors.name?.message} {...form.register('name')} />

      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-800">Membros</legend>
        <p className="text-xs text-slate-600">Capacidade: quantos tickets em aberto o atendente recebe no máximo pela distribuição automática.</p>
        {members.fields.length === 0 ? (
          <p className="text-sm text-slate-600">Nenhum membro ainda.</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200" aria-label="Membros">
            {members.fields.map((field, index) => (
              <li key={field.id} className="flex flex-wrap items-center gap-3 px-3 py-2">
                <span className="min-w-0 flex-1 truncate text-sm font-medium text-slate-900">{field.name}</span>
                <TextField
                  label={<span className="sr-only">Capacidade de {field.name}</span>}
                  inputMode="numeric"
                  className="h-8 w-20"
                  wrapperClassName="space-y-0"
                  error={errors.members?.[index]?.capacity?.message}
                  {...form.register(`members.${index}.capacity`)}
                />
                <span className="text-xs text-slate-500">tickets</span>
                <Button size="sm" variant="ghost" aria-label={`Remover ${field.name}`} onClick={() => members.remove(index)}>
                  Remover
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-48 flex-1 space-y-1">
            <label htmlFor="team-add-member" className="block text-xs font-medium text-slate-700">
              Adicionar atendente
            </label>
            <select
              id="team-add-member"
              value={adding}
              onChange={(event) => setAdding(event.target.value)}
              className="h-9 w-full rounded-md border border-slate-300 bg-white px-2 text-sm"
            >
              <option value="">{candidates.length === 0 ? 'Todos já estão na equipe' : 'Escolha uma pessoa'}</option>
              {candidates.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          </div>
          <Button
            size="sm"
            variant="secondary"
            disabled={!adding}
            onClick={() => {
              const user = candidates.find((candidate) => candidate.id === adding);
              if (user) members.append({ user_id: user.id, name: user.name, capacity: '10' });
              setAdding('');
            }}
          >
            Adicionar
          </Button>
        </div>
      </fieldset>

      <Controller
        control={form.control}
        name="business_hours"
        render={({ field }) => (
          <BusinessHoursEditor value={field.value} onChange={field.onChange} showErrors={isSubmitted} serverErrors={hoursErrors(save.error)} />
        )}
      />

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {team ? 'Salvar equipe' : 'Criar equipe'}
        </Button>
      </div>
    </form>
  );
}
