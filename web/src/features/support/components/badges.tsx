import type { Priority, SlaStatus, TicketStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@/lib/ticket-labels';

import { PRIORITY_STYLES, SLA_LABELS, SLA_STYLES, TICKET_STATUS_STYLES } from './labels';

const badge = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

export function TicketStatusBadge({ status, className }: { status: TicketStatus; className?: string }) {
  return <span className={cn(badge, TICKET_STATUS_STYLES[status], className)}>{TICKET_STATUS_LABELS[status]}</span>;
}

export function PriorityBadge({ priority, className }: { priority: Priority; className?: string }) {
  return <span className={cn(badge, PRIORITY_STYLES[priority], className)}>{PRIORITY_LABELS[priority]}</span>;
}

/**
 * Shown for warning and breached; `showOk` adds a small green dot for a
 * ticket within its targets (lists), `always` every state as a badge.
 */
export function SlaBadge({ status, always = false, showOk = false, className }: { status: SlaStatus; always?: boolean; showOk?: boolean; className?: string }) {
  if (showOk && !always && status === 'ok') {
    return (
      <span title={SLA_LABELS.ok} className={cn('inline-flex size-2 rounded-full bg-emerald-500', className)}>
        <span className="sr-only">{SLA_LABELS.ok}</span>
      </span>
    );
  }
  if (!always && status !== 'warning' && status !== 'breached') return null;
  const short = status === 'breached' ? 'SLA estourado' : status === 'warning' ? 'SLA em alerta' : SLA_LABELS[status];
  return (
    <span className={cn(badge, SLA_STYLES[status], className)} title={SLA_LABELS[status]}>
      {short}
    </span>
  );
}

export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <span className="inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-semibold text-white">
      <span className="sr-only">{count === 1 ? '1 mensagem não lida' : `${count} mensagens não lidas`}</span>
      <span aria-hidden="true">{count > 99 ? '99+' : count}</span>
    </span>
  );
}
