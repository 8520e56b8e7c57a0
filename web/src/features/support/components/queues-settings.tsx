import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import type { Queue, Routing } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCreateQueue, useDeleteQueue, useQueues, useTeams, useUpdateQueue } from '../api/teams';

import { ROUTING_LABELS } from './labels';

const ROUTINGS: Routing[] = ['round_robin', 'least_busy', 'manual'];

const schema = z.object({
  name: z.string().trim().min(1, 'Dê um nome à fila.').max(100, 'Até 100 caracteres.'),
  team_id: z.string().min(1, 'Escolha a equipe.'),
  routing: z.enum(ROUTINGS),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['name', 'team_id', 'routing'] as const;

function QueueForm({ queue, onDone }: { queue: Queue | null; onDone: () => void }) {
  const teams = useTeams();
  const create = useCreateQueue();
  const update = useUpdateQueue();
  const save = queue ? update : create;
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { name: queue?.name ?? '', team_id: queue?.team_id ?? '', routing: queue?.routing ?? 'round_robin' },
  });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label={queue ? 'Editar fila' : 'Nova fila'}
      className="space-y-4"
      onSubmit={form.handleSubmit((values) => {
        const input = { name: values.name.trim(), team_id: values.team_id, routing: values.routing };
        const options = { onSuccess: onDone, onError: (error: unknown) => applyFieldErrors(error, form.setError, FIELDS) };
        if (queue) update.mutate({ id: queue.id, input }, options);
        else create.mutate(input, options);
      })}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />
      <TextField label="Nome da fila" required autoFocus placeholder="ex.: Financeiro" error={errors.name?.message} {...form.register('name')} />
      <SelectField label="Equipe" required error={errors.team_id?.message} {...form.register('team_id')}>
        <option value="">Escolha a equipe</option>
        {(teams.data ?? []).map((team) => (
          <option key={team.id} value={team.id}>
            {team.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Distribuição"
        required
        hint="Só recebem tickets atendentes disponíveis e abaixo da capacidade."
        error={errors.routing?.message}
        {...form.register('routing')}
      >
        {ROUTINGS.map((routing) => (
          <option key={routing} value={routing}>
            {ROUTING_LABELS[routing]}
          </option>
        ))}
      </SelectField>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={save.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          {queue ? 'Salvar fila' : 'Criar fila'}
        </Button>
      </div>
    </form>
  );
}

/** Queues: which team a ticket waits for and how it is distributed among the team's agents. */
export function QueuesSettings() {
  const queues = useQueues();
  const teams = useTeams();
  const remove = useDeleteQueue();
  const [editing, setEditing] = useState<{ queue: Queue | null } | null>(null);
  const [removing, setRemoving] = useState<Queue | null>(null);
  const teamName = (id: string) => (teams.data ?? []).find((team) => team.id === id)?.name ?? '—';
  const noTeams = teams.isSuccess && teams.data.length === 0;

  return (
    <section aria-labelledby="queues-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="queues-title" className="text-base font-semibold text-slate-900">
            Filas
          </h2>
          <p className="text-sm text-slate-600">Um ticket que chega para uma equipe entra na fila dela e é distribuído assim.</p>
        </div>
        <Button disabled={noTeams} onClick={() => setEditing({ queue: null })}>
          Nova fila
        </Button>
      </div>
      {noTeams && <Alert tone="info">Crie uma equipe primeiro: toda fila pertence a uma equipe.</Alert>}
      {remove.isError && <Alert title="Não foi possível excluir">{problemMessage(remove.error)}</Alert>}
      {queues.isPending ? (
        <PageSpinner label="Carregando filas…" />
      ) : queues.isError ? (
        <Alert title="Não foi possível carregar as filas">{problemMessage(queues.error)}</Alert>
      ) : queues.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma fila ainda.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full min-w-[32rem] text-left text-sm">
            <caption className="sr-only">Filas</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Fila
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Equipe
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Distribuição
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  <span className="sr-only">Ações</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {queues.data.map((queue) => (
                <tr key={queue.id}>
                  <td className="px-3 py-2 font-medium text-slate-900">{queue.name}</td>
                  <td className="px-3 py-2 text-slate-700">{teamName(queue.team_id)}</td>
                  <td className="px-3 py-2 text-slate-700">{ROUTING_LABELS[queue.routing]}</td>
                  <td className="px-3 py-2 text-right whitespace-nowrap">
                    <Button size="sm" variant="secondary" onClick={() => setEditing({ queue })}>
                      Editar
                    </Button>{' '}
                    <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRemoving(queue)}>
                      Excluir
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} title={editing?.queue ? `Editar ${editing.queue.name}` : 'Nova fila'}>
        {editing && <QueueForm queue={editing.queue} onDone={() => setEditing(null)} />}
      </Dialog>
      <ConfirmDialog
        open={removing !== null}
        title={`Excluir a fila ${removing?.name ?? ''}?`}
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      >
        <p>Tickets que estavam nela continuam com a equipe.</p>
      </ConfirmDialog>
    </section>
  );
}
