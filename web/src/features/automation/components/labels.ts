import type { BotAction, FlowInvoiceVia, FlowOp, FlowRunStatus, FlowStatus, FlowStep, FlowWaitUnit } from '@/lib/api/models';

import type { BotChannel } from '../utils/bot-settings';

export const OP_LABELS: Record<FlowOp, string> = {
  equals: 'é igual a',
  not_equals: 'é diferente de',
  contains: 'contém',
  starts_with: 'começa com',
  in: 'é um de (separe por vírgula)',
  greater_than: 'é maior que',
  less_than: 'é menor que',
  within_next_days: 'é nos próximos … dias',
  more_than_days_ago: 'foi há mais de … dias',
  is_empty: 'está vazio',
  is_not_empty: 'não está vazio',
};

export const STATUS_LABELS: Record<FlowStatus, string> = { draft: 'Rascunho', active: 'Ativo', paused: 'Pausado', archived: 'Arquivado' };

export const STATUS_STYLES: Record<FlowStatus, string> = {
  draft: 'bg-slate-100 text-slate-700',
  active: 'bg-emerald-100 text-emerald-800',
  paused: 'bg-amber-100 text-amber-900',
  archived: 'bg-slate-200 text-slate-600',
};

export const RUN_STATUS_LABELS: Record<FlowRunStatus, string> = {
  running: 'Em andamento',
  waiting: 'Aguardando',
  succeeded: 'Concluída',
  failed: 'Falhou',
  skipped: 'Ignorada',
  cancelled: 'Cancelada',
};

export const OUTCOME_LABELS: Record<FlowStep['outcome'], string> = {
  held: 'atendida',
  not_held: 'não atendida',
  succeeded: 'feita',
  failed: 'falhou',
  would_run: 'seria feita',
  waiting: 'aguardando',
  not_run: 'não feita',
};

/** Each action by its `type`, in the order the editor offers them. */
export const ACTION_LABELS = {
  add_note: 'Adicionar nota interna',
  set_status: 'Mudar a situação',
  set_priority: 'Definir prioridade',
  add_tags: 'Adicionar etiquetas',
  assign: 'Atribuir',
  reply: 'Responder ao cliente',
  email_customer: 'Enviar e-mail ao cliente',
  send_invoice: 'Enviar a fatura ao cliente',
  create_opportunity: 'Criar oportunidade',
  move_opportunity: 'Mover a oportunidade',
  set_custom_field: 'Preencher campo personalizado do cliente',
  notify: 'Avisar pessoas da equipe',
  wait: 'Esperar',
  wait_business_hours: 'Esperar o horário comercial',
  wait_until: 'Esperar até uma hora',
  webhook: 'Chamar webhook',
} as const;

export const WAIT_UNIT_LABELS: Record<FlowWaitUnit, string> = { minutes: 'minutos', hours: 'horas', days: 'dias' };

export const INVOICE_VIA_LABELS: Record<FlowInvoiceVia, string> = {
  email: 'Por e-mail (com PDF)',
  whatsapp: 'No WhatsApp (fora da janela de 24 h, pelo modelo aprovado de faturas do canal)',
};

/** The pt-BR variables the server accepts, offered where the trigger has what they name. */
export const FRIENDLY_VARIABLES = [
  { name: 'cliente.nome', label: 'Nome do cliente' },
  { name: 'fatura.valor', label: 'Valor da fatura devido hoje' },
  { name: 'fatura.vencimento', label: 'Vencimento da fatura' },
  { name: 'fatura.link', label: 'Link de pagamento da fatura' },
  { name: 'fatura.pix', label: 'PIX copia e cola da fatura' },
  { name: 'ticket.numero', label: 'Número do ticket' },
] as const;

/** Ready schedules the editor offers (cron in the company's timezone, weekdays by English name). */
export const SCHEDULE_PRESETS = [
  { cron: '0 9 * * Mon-Fri', label: 'Todo dia útil às 9h' },
  { cron: '0 9 * * *', label: 'Todo dia às 9h' },
  { cron: '0 8 * * *', label: 'Todo dia às 8h' },
  { cron: '0 9 * * Mon', label: 'Toda segunda às 9h' },
  { cron: '0 * * * *', label: 'A cada hora' },
] as const;

/** Fields read as they are when the flow runs, by prefix: the ticket, the customer, the invoice. */
const RECORD_LABELS = [
  ['record.', 'Ticket agora: '],
  ['customer.custom_fields.', 'Cliente: campo personalizado '],
  ['customer.', 'Cliente: '],
  ['invoice.', 'Fatura: '],
] as const;

/** A trigger's field as the editor names it (`record.status` → "Ticket agora: status"); the event's own fields by their path. */
export function fieldLabel(path: string): string {
  if (path === 'now.business_hours') return 'Agora: dentro do horário comercial';
  const record = RECORD_LABELS.find(([prefix]) => path.startsWith(prefix));
  return record ? `${record[1]}${path.slice(record[0].length)}` : path;
}

/** What a bot menu option does, as the admin picks it. */
export const BOT_ACTION_LABELS: Record<BotAction, string> = {
  invoices: '2ª via de fatura / PIX',
  payments: 'Já paguei (situação do pagamento)',
  tickets: 'Meus chamados',
  proposals: 'Minhas propostas',
  faq: 'Dúvidas frequentes',
  human: 'Falar com um atendente',
};

export const BOT_CHANNEL_LABELS: Record<BotChannel, string> = { whatsapp: 'WhatsApp', webchat: 'Chat do site' };
