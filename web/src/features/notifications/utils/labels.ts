import { paths } from '@/config/paths';
import type { Section } from '@/lib/authorization';

import type { Notification, NotificationKind } from '../api/notifications';

/** What each kind is called on the preferences page, and which part of the product it belongs to. */
export const KIND_LABELS: Record<NotificationKind, { label: string; hint: string; section: Section }> = {
  mention: { label: 'Menções', hint: 'Alguém citou você em uma nota interna.', section: 'support' },
  assignment: { label: 'Atribuições', hint: 'Um ticket passou a ser seu.', section: 'support' },
  transfer: { label: 'Transferências', hint: 'Um ticket de outra equipe foi transferido para você.', section: 'support' },
  sla_warning: { label: 'Prazo perto do fim', hint: 'Um ticket seu chegou a 80% do prazo do SLA.', section: 'support' },
  sla_breached: { label: 'Prazo estourado', hint: 'Um ticket passou do prazo do SLA.', section: 'support' },
  proposal_accepted: { label: 'Propostas aceitas', hint: 'Um cliente aceitou uma proposta sua.', section: 'crm' },
  payment_received: { label: 'Pagamentos recebidos', hint: 'Entrou um pagamento de fatura.', section: 'finance' },
  delivery_failed: { label: 'Falhas de entrega', hint: 'Uma mensagem sua não chegou ao cliente.', section: 'support' },
  automation: { label: 'Avisos de automações', hint: 'Um fluxo da empresa avisou você.', section: 'dashboard' },
};

/** The page a notification opens; none for a notice about no record (a scheduled flow's). */
export function notificationHref(n: Pick<Notification, 'subject_kind' | 'subject_id'>): string | null {
  const id = n.subject_id;
  if (!id) return null;
  switch (n.subject_kind) {
    case 'ticket':
      return paths.app.support.ticket.getHref(id);
    case 'proposal':
      return paths.app.crm.proposal.getHref(id);
    case 'payment':
      return paths.app.finance.payments.getHref();
    case 'customer':
      return paths.app.crm.customer.getHref(id);
    case 'invoice':
      return paths.app.finance.invoice.getHref(id);
    case 'opportunity':
      return paths.app.crm.opportunities.getHref();
    default:
      return null;
  }
}

const relative = new Intl.RelativeTimeFormat('pt-BR', { numeric: 'auto' });

/** "agora", "há 5 minutos", "há 2 horas", "ontem", "há 3 dias". */
export function timeAgo(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (seconds > -45) return 'agora';
  const minutes = Math.round(seconds / 60);
  if (minutes > -60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours > -24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}
