import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Presence, Team } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

import { useDeleteTeam, useTeams } from '../api/teams';
import { describeBusinessHours } from '../utils/business-hours';

import { PRESENCE_DOT, PRESENCE_LABELS } from './labels';
import { TeamForm } from './team-form';

function presenceOf(value: string): Presence {
  return value === 'online' || value === 'away' ? value : 'offline';
}

function TeamCard({ team, onEdit }: { team: Team; onEdit: () => void }) {
  const remove = useDeleteTeam();
  const [confirm, setConfirm] = useState(false);
  return (
    <li className="space-y-3 rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="text-base font-semibold text-slate-900">{team.name}</h3>
          <p className="text-sm text-slate-600">{describeBusinessHours(team.business_hours)}</p>
        </div>
        <div className="flex gap-2">
          <Button size="sm" variant="secondary" onClick={onEdit}>
            Editar
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirm(true)}>
            Excluir
          </Button>
        </div>
      </div>
      {remove.isError && <Alert title="Não foi possível excluir">{problemMessage(remove.error)}</Alert>}
      {team.members.length === 0 ? (
        <p className="text-sm text-slate-600">Sem membros: tickets desta equipe não são distribuídos automaticamente.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Membros de {team.name}</caption>
          <thead className="text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Atendente
              </th>
              <th scope="col" className="py-1 font-medium">
                Situação
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Tickets abertos / capacidade
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {team.members.map((member) => {
              const presence = presenceOf(member.presence);
              const full = member.open_tickets >= member.capacity;
              return (
                <tr key={member.user_id}>
                  <td className="py-1.5 text-slate-900">{member.name}</td>
                  <td className="py-1.5">
                    <span className="inline-flex items-center gap-1.5 text-slate-700">
                      <span aria-hidden="true" className={cn('size-2 rounded-full', PRESENCE_DOT[presence])} />
                      {PRESENCE_LABELS[presence]}
                    </span>
                  </td>
                  <td className={cn('py-1.5 text-right tabular-nums', full ? 'font-medium text-red-700' : 'text-slate-700')}>
                    {member.open_tickets} / {member.capacity}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={confirm}
        title={`Excluir a equipe ${team.name}?`}
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() => remove.mutate(team.id, { onSettled: () => setConfirm(false) })}
      >
        <p>As filas da equipe também são excluídas. Os tickets continuam, sem equipe.</p>
      </ConfirmDialog>
    </li>
  );
}

/** Teams: members and their capacity, opening hours for the SLA, live presence. */
export function TeamsSettings() {
  const teams = useTeams();
  const [editing, setEditing] = useState<{ team: Team | null } | null>(null);
  return (
    <section aria-labelledby="teams-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <h2 id="teams-title" className="text-base font-semibold text-slate-900">
            Equipes
          </h2>
          <p className="text-sm text-slate-600">Quem atende, quanto cada um recebe e em que horário o SLA conta.</p>
        </div>
        <Button onClick={() => setEditing({ team: null })}>Nova equipe</Button>
      </div>
      {teams.isPending ? (
        <PageSpinner label="Carregando equipes…" />
      ) : teams.isError ? (
        <Alert title="Não foi possível carregar as equipes">{problemMessage(teams.error)}</Alert>
      ) : teams.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma equipe ainda.</p>
      ) : (
        <ul aria-label="Equipes" className="space-y-4">
          {teams.data.map((team) => (
            <TeamCard key={team.id} team={team} onEdit={() => setEditing({ team })} />
          ))}
        </ul>
      )}
      <Dialog open={editing !== null} onClose={() => setEditing(null)} size="lg" title={editing?.team ? `Editar ${editing.team.name}` : 'Nova equipe'}>
        {editing && <TeamForm team={editing.team} onCancel={() => setEditing(null)} onSaved={() => setEditing(null)} />}
      </Dialog>
    </section>
  );
}
