import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import type { Activity, Priority, TicketStatus } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@/lib/ticket-labels';

import { useActivities } from '../api/ticket';

import { ACTIVITY_LABELS } from './labels';

const str = (value: unknown) => (typeof value === 'string' ? value : null);

function details(activity: Activity, userName: (id: string | null) => string | null): string | null {
  const data = activity.data ?? {};
  switch (activity.kind) {
    case 'status': {
      const from = str(data.from) as TicketStatus | null;
      const to = str(data.to) as TicketStatus | null;
      return from && to ? `${TICKET_STATUS_LABELS[from] ?? from} → ${TICKET_STATUS_LABELS[to] ?? to}` : null;
    }
    case 'priority': {
      const to = str(data.to) as Priority | null;
      return to ? `para ${PRIORITY_LABELS[to]?.toLowerCase() ?? to}` : null;
    }
    case 'category': {
      const to = str(data.to);
      return to ? `para “${to}”` : 'removida';
    }
    case 'assigned':
    case 'transferred': {
      const who = userName(str(data.assignee_id));
      const parts = [who ? `para ${who}` : data.assignee_id === null ? 'sem responsável' : null, str(data.note) ? `“${str(data.note)}”` : null];
      if (data.by === 'routing') parts.push('(distribuição automática)');
      return parts.filter(Boolean).join(' ') || null;
    }
    case 'snoozed':
      return str(data.until) ? `até ${formatDateTime(str(data.until) ?? '')}` : null;
    case 'merged':
    case 'merged_from':
      return typeof data.number === 'number' ? `ticket #${data.number}` : null;
    case 'csat':
      return typeof data.score === 'number' ? `nota ${data.score}/5` : null;
    case 'triaged': {
      const parts = [str(data.category) ? `categoria ${str(data.category)}` : null, str(data.priority) ? `prioridade ${PRIORITY_LABELS[str(data.priority) as Priority]?.toLowerCase() ?? str(data.priority)}` : null];
      return parts.filter(Boolean).join(', ') || null;
    }
    case 'sla.warning':
    case 'sla.breached':
      return data.target === 'first_response' ? 'primeira resposta' : data.target === 'resolution' ? 'resolução' : null;
    case 'created':
      return str(data.channel) ? `pelo canal ${str(data.channel)}` : null;
    default:
      return null;
  }
}

/** Every change to the ticket: who, what and when (newest first). */
export function ActivityList({ ticketId }: { ticketId: string }) {
  const activities = useActivities(ticketId);
  const users = useAllUsers();
  const userName = (id: string | null) => (id ? ((users.data ?? []).find((user) => user.id === id)?.name ?? null) : null);
  if (activities.isPending) return <PageSpinner label="Carregando atividades…" />;
  if (activities.isError) return <Alert title="Não foi possível carregar as atividades">{problemMessage(activities.error)}</Alert>;
  const items = [...activities.data].sort((a, b) => b.created_at.localeCompare(a.created_at));
  if (items.length === 0) return <p className="p-4 text-sm text-slate-600">Nenhuma atividade ainda.</p>;
  return (
    <ol aria-label="Atividades" className="space-y-3 p-4">
      {items.map((activity) => {
        const detail = details(activity, userName);
        const automatic = activity.actor_id == null;
        return (
          <li key={activity.id} className="flex gap-3 text-sm">
            <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${activity.kind.startsWith('sla.') ? 'bg-red-500' : automatic ? 'bg-slate-400' : 'bg-indigo-500'}`} />
            <div className="min-w-0">
              <p className="text-slate-900">
                <strong>{activity.actor_name ?? (automatic ? 'Sistema' : 'Alguém')}</strong> {ACTIVITY_LABELS[activity.kind] ?? activity.kind}
                {detail && <span className="text-slate-600"> · {detail}</span>}
              </p>
              <time dateTime={activity.created_at} className="text-xs text-slate-500">
                {formatDateTime(activity.created_at)}
              </time>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
