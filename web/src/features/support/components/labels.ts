import type {
  ChannelKind,
  DeliveryStatus,
  Presence,
  Priority,
  Routing,
  SlaStatus,
  TicketStatus,
  TicketStatusFilter,
  TicketView,
} from '@/lib/api/models';

export const TICKET_STATUS_STYLES: Record<TicketStatus, string> = {
  open: 'bg-sky-100 text-sky-800',
  pending: 'bg-amber-100 text-amber-800',
  waiting_customer: 'bg-violet-100 text-violet-800',
  resolved: 'bg-emerald-100 text-emerald-800',
  closed: 'bg-slate-200 text-slate-700',
};

export const STATUS_FILTERS: { value: TicketStatusFilter; label: string }[] = [
  { value: 'open', label: 'Em aberto' },
  { value: 'pending', label: 'Pendentes' },
  { value: 'waiting_customer', label: 'Aguardando cliente' },
  { value: 'resolved', label: 'Resolvidos' },
  { value: 'closed', label: 'Fechados' },
  { value: 'any', label: 'Todas as situações' },
];

export const VIEWS: { value: TicketView; label: string }[] = [
  { value: 'mine', label: 'Meus' },
  { value: 'unassigned', label: 'Sem responsável' },
  { value: 'my_teams', label: 'Minhas equipes' },
  { value: 'all', label: 'Todos' },
];

export const PRIORITY_STYLES: Record<Priority, string> = {
  low: 'bg-slate-100 text-slate-700',
  normal: 'bg-sky-50 text-sky-800',
  high: 'bg-orange-100 text-orange-800',
  urgent: 'bg-red-100 text-red-800',
};

export const SLA_LABELS: Record<SlaStatus, string> = {
  none: 'Sem SLA',
  ok: 'SLA no prazo',
  warning: 'SLA em alerta',
  breached: 'SLA estourado',
  met: 'SLA cumprido',
};

export const SLA_STYLES: Record<SlaStatus, string> = {
  none: 'bg-slate-100 text-slate-600',
  ok: 'bg-emerald-100 text-emerald-800',
  warning: 'bg-amber-100 text-amber-900',
  breached: 'bg-red-600 text-white',
  met: 'bg-emerald-50 text-emerald-700',
};

export const CHANNEL_KINDS: ChannelKind[] = ['whatsapp', 'email', 'webchat', 'twilio_sms', 'twilio_whatsapp'];

export const CHANNEL_KIND_LABELS: Record<ChannelKind, string> = {
  webchat: 'Chat do site',
  email: 'E-mail',
  whatsapp: 'WhatsApp',
  twilio_sms: 'SMS (Twilio)',
  twilio_whatsapp: 'WhatsApp (Twilio)',
};

export function channelKindLabel(kind: string): string {
  return CHANNEL_KIND_LABELS[kind as ChannelKind] ?? kind;
}

export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  scheduled: 'Agendada',
  queued: 'Na fila de envio',
  sent: 'Enviada',
  delivered: 'Entregue',
  read: 'Lida',
  failed: 'Falhou',
};

export const ROUTING_LABELS: Record<Routing, string> = {
  round_robin: 'Rodízio (um de cada vez)',
  least_busy: 'Menos ocupado',
  manual: 'Manual (ninguém é escolhido automaticamente)',
};

export const PRESENCE_LABELS: Record<Presence, string> = {
  online: 'Disponível',
  away: 'Ausente',
  offline: 'Offline',
};

export const PRESENCE_DOT: Record<Presence, string> = {
  online: 'bg-emerald-500',
  away: 'bg-amber-400',
  offline: 'bg-slate-400',
};

/** What an activity says, in a sentence (the actor's name goes in front). */
export const ACTIVITY_LABELS: Record<string, string> = {
  created: 'abriu o ticket',
  triaged: 'classificou o ticket',
  assigned: 'atribuiu o ticket',
  transferred: 'transferiu o ticket',
  status: 'mudou a situação',
  priority: 'mudou a prioridade',
  replied: 'respondeu ao cliente',
  scheduled: 'agendou uma mensagem',
  retried: 'reenviou uma mensagem',
  snoozed: 'adiou o ticket',
  woke: 'reabriu o ticket adiado',
  merged: 'mesclou este ticket em outro',
  merged_from: 'recebeu as mensagens de outro ticket',
  reopened: 'reabriu o ticket',
  csat: 'registrou a avaliação do cliente',
  'sla.warning': 'SLA em alerta',
  'sla.breached': 'SLA estourado',
};
