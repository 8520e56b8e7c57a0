import type { Priority, TicketStatus } from './api/models';

// A ticket's status and priority in pt-BR: the inbox shows them, and
// automation's editor offers them as values of its actions. Shared because
// features do not import each other.

export const TICKET_STATUSES: TicketStatus[] = ['open', 'pending', 'waiting_customer', 'resolved', 'closed'];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Aberto',
  pending: 'Pendente',
  waiting_customer: 'Aguardando cliente',
  resolved: 'Resolvido',
  closed: 'Fechado',
};

export const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

export const PRIORITY_LABELS: Record<Priority, string> = {
  low: 'Baixa',
  normal: 'Normal',
  high: 'Alta',
  urgent: 'Urgente',
};
