import { useImperativeHandle, useState, type Ref } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { paths } from '@/config/paths';
import type { Priority, Ticket, TicketStatus, UpdateTicketRequest } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { displayPhone } from '@/lib/br/phone';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';
import { PRIORITIES, PRIORITY_LABELS, TICKET_STATUS_LABELS, TICKET_STATUSES } from '@/lib/ticket-labels';

import { useTransferTicket, useUpdateTicket } from '../api/ticket';

import { PriorityBadge, SlaBadge } from './badges';
import { ChannelIcon } from './channel-icon';
import { MergeDialog } from './merge-dialog';
import { SnoozeDialog } from './snooze-dialog';
import { TagsEditor } from './tags-editor';
import { TicketCategoryField } from './ticket-category';
import { TransferDialog } from './transfer-dialog';
import { UnverifiedBadge } from './unverified-contact';

export type TicketHeaderHandle = { resolve: () => void };

const RESOLVED_NOTICE = 'Ticket resolvido: o cliente receberá a pesquisa de satisfação.';

const selectClass = 'h-8 max-w-48 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 disabled:bg-slate-100';

/** The ticket's title, who has it, and what can be done: status, priority, category, tags, assume, transfer, snooze, merge. */
export function TicketHeader({
  ticket,
  backHref,
  onToggleCustomer,
  customerOpen,
  ref,
}: {
  ticket: Ticket;
  /** Phones: back to the list. */
  backHref: string;
  onToggleCustomer: () => void;
  customerOpen: boolean;
  ref?: Ref<TicketHeaderHandle>;
}) {
  const { user } = useMe();
  const update = useUpdateTicket();
  const assume = useTransferTicket();
  const [notice, setNotice] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'transfer' | 'snooze' | 'merge' | null>(null);
  const [editingTags, setEditingTags] = useState(false);
  // Phones: the controls fold away so the conversation keeps the screen.
  const [detailsOpen, setDetailsOpen] = useState(false);
  const locked = ticket.merged_into != null;

  const change = (input: UpdateTicketRequest) => {
    setNotice(null);
    update.mutate(
      { id: ticket.id, input },
      {
        onSuccess: (saved) => {
          if (input.status === 'resolved' && saved.status === 'resolved') setNotice(RESOLVED_NOTICE);
        },
      },
    );
  };

  useImperativeHandle(ref, () => ({
    resolve: () => {
      if (!locked && ticket.status !== 'resolved' && ticket.status !== 'closed') change({ status: 'resolved' });
    },
  }));

  const error = update.error ?? assume.error;

  return (
    <header className="space-y-2 border-b border-slate-200 bg-white px-4 py-3">
      {/* On a phone the buttons take the first row and the subject the whole second one (two lines at most); wider, one row. */}
      <div className="flex flex-wrap items-start gap-x-3 gap-y-2 sm:flex-nowrap">
        <Link to={backHref} className="mt-0.5 rounded-md px-2 py-1 text-sm font-medium text-indigo-800 ring-1 ring-slate-300 lg:hidden">
          ← Tickets
        </Link>
        <div className="order-last min-w-0 basis-full sm:order-none sm:flex-1">
          <h2 className="line-clamp-2 text-base font-semibold wrap-break-word text-slate-900" title={ticket.subject}>
            <span className="text-slate-500">#{ticket.number}</span> {ticket.subject || 'Sem assunto'}
          </h2>
          <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-600">
            <ChannelIcon kind={ticket.channel_kind} />
            <span>{ticket.channel_name}</span>
            <span aria-hidden="true">·</span>
            <span className="font-medium text-slate-800">{ticket.customer_name}</span>
            <UnverifiedBadge ticket={ticket} />
            <span className="truncate">{ticket.contact_address.startsWith('visitor:') ? 'visitante do site' : displayPhone(ticket.contact_address)}</span>
          </p>
        </div>
        <div className="ml-auto flex shrink-0 gap-2">
          <Button size="sm" variant="secondary" className="lg:hidden" aria-expanded={detailsOpen} aria-controls={`ticket-details-${ticket.id}`} onClick={() => setDetailsOpen((open) => !open)}>
            Ações
          </Button>
          <Button size="sm" variant="secondary" className="xl:hidden" aria-expanded={customerOpen} onClick={onToggleCustomer}>
            {customerOpen ? 'Conversa' : 'Cliente'}
          </Button>
        </div>
      </div>

      <div id={`ticket-details-${ticket.id}`} className={cn('space-y-2', !detailsOpen && 'hidden lg:block')}>
        <div className="flex flex-wrap items-center gap-2">
          <label className="sr-only" htmlFor={`status-${ticket.id}`}>
            Situação
          </label>
          <select
            id={`status-${ticket.id}`}
            className={selectClass}
            value={ticket.status}
            disabled={locked || update.isPending}
            onChange={(event) => change({ status: event.target.value as TicketStatus })}
          >
            {TICKET_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status === 'resolved' && ticket.status !== 'resolved' ? 'Resolvido (envia pesquisa)' : TICKET_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          <label className="sr-only" htmlFor={`priority-${ticket.id}`}>
            Prioridade
          </label>
          <select
            id={`priority-${ticket.id}`}
            className={selectClass}
            value={ticket.priority}
            disabled={locked || update.isPending}
            onChange={(event) => change({ priority: event.target.value as Priority })}
          >
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                Prioridade {PRIORITY_LABELS[priority].toLowerCase()}
              </option>
            ))}
          </select>
          <TicketCategoryField
            key={`${ticket.id}:${ticket.category ?? ''}`}
            ticket={ticket}
            disabled={locked || update.isPending}
            onSave={(category) => change({ category })}
          />
          {ticket.assignee_id !== user.id && !locked && (
            <Button
              size="sm"
              variant="secondary"
              isLoading={assume.isPending}
              onClick={() => assume.mutate({ id: ticket.id, input: { assignee_id: user.id } })}
            >
              Assumir
            </Button>
          )}
          <Button size="sm" variant="secondary" disabled={locked} onClick={() => setDialog('transfer')}>
            Transferir
          </Button>
          <Button
            size="sm"
            variant="ghost"
            disabled={locked || ticket.status === 'resolved' || ticket.status === 'closed'}
            onClick={() => setDialog('snooze')}
          >
            Adiar
          </Button>
          <Button size="sm" variant="ghost" disabled={locked} onClick={() => setDialog('merge')}>
            Mesclar
          </Button>
          <Button size="sm" variant="ghost" disabled={locked} aria-expanded={editingTags} onClick={() => setEditingTags((open) => !open)}>
            Etiquetas
          </Button>
        </div>

        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-600">
          <span>
            Responsável: <strong className="text-slate-800">{ticket.assignee_name ?? 'ninguém'}</strong>
            {ticket.team_name && <> · Equipe {ticket.team_name}</>}
          </span>
          {ticket.priority !== 'normal' && <PriorityBadge priority={ticket.priority} />}
          <SlaBadge status={ticket.sla_status} />
          {ticket.first_response_due && !ticket.first_response_at && ticket.status !== 'resolved' && ticket.status !== 'closed' && (
            <span>1ª resposta até {formatDateTime(ticket.first_response_due)}</span>
          )}
          {ticket.resolution_due && !ticket.resolved_at && ticket.status !== 'resolved' && ticket.status !== 'closed' && (
            <span>Resolver até {formatDateTime(ticket.resolution_due)}</span>
          )}
          {ticket.snoozed_until && ticket.status === 'pending' && <span>Adiado até {formatDateTime(ticket.snoozed_until)}</span>}
          {ticket.csat_score != null && (
            <span>
              Avaliação do cliente: <strong className="text-slate-800">{ticket.csat_score}/5</strong>
            </span>
          )}
          {ticket.merged_into && (
            <Link to={paths.app.support.ticket.getHref(ticket.merged_into)} className="font-medium text-indigo-800 hover:underline">
              Mesclado em outro ticket →
            </Link>
          )}
        </div>

        {!editingTags && ticket.tags.length > 0 && (
          <ul aria-label="Etiquetas" className="flex flex-wrap gap-1">
            {ticket.tags.map((tag) => (
              <li key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {tag}
              </li>
            ))}
          </ul>
        )}
        {editingTags && (
          <TagsEditor label="Etiquetas do ticket" tags={ticket.tags} disabled={locked || update.isPending} onChange={(tags) => change({ tags })} />
        )}
      </div>

      <div aria-live="polite">
        {notice && (
          <Alert tone="success" className="py-2">
            {notice}
          </Alert>
        )}
      </div>
      <div aria-live="assertive">
        {error && (
          <Alert className="py-2" title="Não foi possível alterar o ticket">
            {problemMessage(error)}
          </Alert>
        )}
      </div>

      <TransferDialog ticket={ticket} open={dialog === 'transfer'} onClose={() => setDialog(null)} />
      <SnoozeDialog ticket={ticket} open={dialog === 'snooze'} onClose={() => setDialog(null)} />
      <MergeDialog ticket={ticket} open={dialog === 'merge'} onClose={() => setDialog(null)} />
    </header>
  );
}
