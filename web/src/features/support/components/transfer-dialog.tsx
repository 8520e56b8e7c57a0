import { useState } from 'react';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextAreaField } from '@/components/ui/fields';
import type { Ticket, TransferRequest } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { unmatchedFieldErrors } from '@/lib/form-errors';
import { isApiError, problemMessage } from '@/lib/problem';

import { useQueues, useTeams } from '../api/teams';
import { useTransferTicket } from '../api/ticket';

const SUPPORT_ROLES = ['owner', 'admin', 'manager', 'agent'];
const KEEP = '';
const NOBODY = 'nobody';

/** To another agent, team or queue, with a note (and the conversation's summary) kept as an internal note. */
export function TransferDialog({ ticket, open, onClose }: { ticket: Ticket; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} title={`Transferir ticket #${ticket.number}`} description="Escolha quem assume, a equipe ou a fila.">
      <TransferForm ticket={ticket} onClose={onClose} />
    </Dialog>
  );
}

function TransferForm({ ticket, onClose }: { ticket: Ticket; onClose: () => void }) {
  const users = useAllUsers();
  const teams = useTeams();
  const queues = useQueues();
  const transfer = useTransferTicket();
  const [assignee, setAssignee] = useState(KEEP);
  const [teamId, setTeamId] = useState(KEEP);
  const [queueId, setQueueId] = useState(KEEP);
  const [note, setNote] = useState('');
  const [includeSummary, setIncludeSummary] = useState(true);
  const [error, setError] = useState<string | null>(null);

  const effectiveTeam = teamId || ticket.team_id || '';
  const team = (teams.data ?? []).find((item) => item.id === effectiveTeam);
  const teamQueues = (queues.data ?? []).filter((queue) => queue.team_id === effectiveTeam);
  const agents = (users.data ?? []).filter((user) => user.active && SUPPORT_ROLES.includes(user.role));
  const load = new Map((team?.members ?? []).map((member) => [member.user_id, member]));
  const fieldError = (name: string) => (isApiError(transfer.error) ? transfer.error.fieldErrors.find((field) => field.field === name)?.message : undefined);

  return (
    <form
      noValidate
      aria-label="Transferir ticket"
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const input: TransferRequest = {};
        if (assignee === NOBODY) input.assignee_id = null;
        else if (assignee) input.assignee_id = assignee;
        if (teamId) input.team_id = teamId;
        if (queueId) input.queue_id = queueId;
        if (note.trim()) input.note = note.trim();
        if (Object.keys(input).length === 0) {
          setError('Escolha um atendente, uma equipe ou uma fila.');
          return;
        }
        setError(null);
        transfer.mutate({ id: ticket.id, input: { ...input, include_summary: includeSummary } }, { onSuccess: onClose });
      }}
    >
      <FormErrors
        message={error ?? (transfer.error ? problemMessage(transfer.error) : null)}
        extra={unmatchedFieldErrors(transfer.error, ['assignee_id', 'team_id', 'queue_id', 'note'])}
      />
      <SelectField
        label="Atendente"
        value={assignee}
        error={fieldError('assignee_id')}
        hint={ticket.assignee_name ? `Hoje: ${ticket.assignee_name}.` : 'Hoje: sem responsável.'}
        onChange={(event) => setAssignee(event.target.value)}
      >
        <option value={KEEP}>Manter</option>
        <option value={NOBODY}>Ninguém (volta para a fila)</option>
        {agents.map((user) => {
          const member = load.get(user.id);
          return (
            <option key={user.id} value={user.id}>
              {user.name}
              {member ? ` · ${member.open_tickets}/${member.capacity} tickets` : ''}
            </option>
          );
        })}
      </SelectField>
      <SelectField
        label="Equipe"
        value={teamId}
        error={fieldError('team_id')}
        hint={ticket.team_name ? `Hoje: ${ticket.team_name}.` : 'Hoje: sem equipe.'}
        onChange={(event) => {
          setTeamId(event.target.value);
          setQueueId(KEEP);
        }}
      >
        <option value={KEEP}>Manter</option>
        {(teams.data ?? []).map((item) => (
          <option key={item.id} value={item.id}>
            {item.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Fila"
        value={queueId}
        error={fieldError('queue_id')}
        disabled={teamQueues.length === 0}
        hint={teamQueues.length === 0 ? 'A equipe escolhida não tem filas.' : 'Vazio: a fila da equipe.'}
        onChange={(event) => setQueueId(event.target.value)}
      >
        <option value={KEEP}>{teamId ? 'A fila da equipe' : 'Manter'}</option>
        {teamQueues.map((queue) => (
          <option key={queue.id} value={queue.id}>
            {queue.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Nota (opcional)"
        rows={3}
        maxLength={2000}
        hint="Fica como nota interna no ticket."
        error={fieldError('note')}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" className="size-4" checked={includeSummary} onChange={(event) => setIncludeSummary(event.target.checked)} />
        Incluir resumo da conversa na nota
      </label>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={transfer.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={transfer.isPending}>
          Transferir
        </Button>
      </div>
    </form>
  );
}
