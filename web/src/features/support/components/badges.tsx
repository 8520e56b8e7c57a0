import type { Priority, Sentiment, SlaStatus, TicketStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { PRIORITY_LABELS, TICKET_STATUS_LABELS } from '@/lib/ticket-labels';

import { Icon } from './icons';
import { PRIORITY_STYLES, SENTIMENT_LABELS, SENTIMENT_STYLES, SLA_LABELS, SLA_STYLES, TICKET_STATUS_STYLES } from './labels';

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

export function SentimentBadge({ sentiment, className }: { sentiment: Sentiment; className?: string }) {
  return <span className={cn(badge, SENTIMENT_STYLES[sentiment], className)}>{SENTIMENT_LABELS[sentiment]}</span>;
}

/**
 * The list's hint of an unhappy customer: a small face for negative and
 * very negative tickets only (the others need no attention for their tone).
 */
export function NegativeSentimentMark({ sentiment }: { sentiment?: Sentiment | null }) {
  if (sentiment !== 'negative' && sentiment !== 'very_negative') return null;
  const label = `Sentimento: ${SENTIMENT_LABELS[sentiment].toLowerCase()}`;
  return (
    <span role="img" aria-label={label} title={label} className={cn(badge, 'px-1', SENTIMENT_STYLES[sentiment])}>
      <Icon name="frown" className="size-3.5" />
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
