import { type ReactNode, useEffect } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Ticket } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { formatAge } from '../utils/time';

import { NegativeSentimentMark, PriorityBadge, SlaBadge, TicketStatusBadge, UnreadBadge } from './badges';
import { ChannelIcon } from './channel-icon';
import { channelKindLabel } from './labels';

type Props = {
  tickets: Ticket[];
  selectedId?: string;
  search: string;
  showAssignee: boolean;
  isPending: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  onLoadMore: () => void;
  /** What an empty list shows. */
  empty: ReactNode;
};

function TicketItem({ ticket, selected, search, showAssignee }: { ticket: Ticket; selected: boolean; search: string; showAssignee: boolean }) {
  const unread = ticket.unread > 0;
  return (
    <li id={`ticket-item-${ticket.id}`}>
      <Link
        to={paths.app.support.ticket.getHref(ticket.id, search)}
        aria-current={selected ? 'page' : undefined}
        className={cn(
          'block border-l-4 px-3 py-2.5 hover:bg-slate-50',
          selected ? 'border-indigo-600 bg-indigo-50 hover:bg-indigo-50' : 'border-transparent',
        )}
      >
        <div className="flex items-center gap-2">
          <ChannelIcon kind={ticket.channel_kind} />
          <span className={cn('min-w-0 flex-1 truncate text-sm', unread ? 'font-semibold text-slate-900' : 'font-medium text-slate-800')}>
            {ticket.customer_name}
          </span>
          <time dateTime={ticket.last_message_at} title={formatDateTime(ticket.last_message_at)} className="shrink-0 text-xs text-slate-500">
            {formatAge(ticket.last_message_at)}
          </time>
        </div>
        <div className="mt-0.5 flex items-center gap-2">
          <span className={cn('min-w-0 flex-1 truncate text-sm', unread ? 'text-slate-900' : 'text-slate-600')}>
            <span className="text-slate-400">#{ticket.number}</span> {ticket.subject || 'Sem assunto'}
          </span>
          <UnreadBadge count={ticket.unread} />
        </div>
        <div className="mt-1 flex flex-wrap items-center gap-1">
          {ticket.status !== 'open' && <TicketStatusBadge status={ticket.status} />}
          {(ticket.priority === 'high' || ticket.priority === 'urgent') && <PriorityBadge priority={ticket.priority} />}
          <NegativeSentimentMark sentiment={ticket.sentiment} />
          <SlaBadge status={ticket.sla_status} showOk />
          <span className="min-w-0 truncate text-xs text-slate-500">
            {channelKindLabel(ticket.channel_kind)}
            {showAssignee && ` · ${ticket.assignee_name ?? 'Sem responsável'}`}
          </span>
        </div>
      </Link>
    </li>
  );
}

/** The tickets of the current view and filters, latest activity first. */
export function TicketList({ tickets, selectedId, search, showAssignee, isPending, error, hasNextPage, isFetchingNextPage, onLoadMore, empty }: Props) {
  // j/k and links from elsewhere: keep the open ticket in sight.
  useEffect(() => {
    if (selectedId) document.getElementById(`ticket-item-${selectedId}`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  if (isPending) return <PageSpinner label="Carregando tickets…" />;
  if (error) {
    return (
      <div className="p-3">
        <Alert title="Não foi possível carregar os tickets">{problemMessage(error)}</Alert>
      </div>
    );
  }
  if (tickets.length === 0) return empty;
  return (
    <div>
      <ul aria-label="Tickets" className="divide-y divide-slate-100">
        {tickets.map((ticket) => (
          <TicketItem key={ticket.id} ticket={ticket} selected={ticket.id === selectedId} search={search} showAssignee={showAssignee} />
        ))}
      </ul>
      {hasNextPage && (
        <div className="p-3 text-center">
          <Button variant="secondary" size="sm" onClick={onLoadMore} isLoading={isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </div>
  );
}
