import type {
  ChannelKind,
  DeliveryStatus,
  Intent,
  LlmProviderKind,
  Presence,
  Priority,
  Routing,
  Sentiment,
  SlaStatus,
  TicketStatus,
  TicketStatusFilter,
  TicketView,
  TriageEngine,
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
  category: 'mudou a categoria',
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

// AI triage: what the customer wants, their tone, and who decided.

export const INTENTS: Intent[] = ['comprar', 'segunda_via', 'suporte_tecnico', 'cancelar', 'reclamacao', 'elogio', 'outro'];

export const INTENT_LABELS: Record<Intent, string> = {
  comprar: 'Comprar',
  segunda_via: '2ª via / boleto',
  suporte_tecnico: 'Suporte técnico',
  cancelar: 'Cancelar',
  reclamacao: 'Reclamação',
  elogio: 'Elogio',
  outro: 'Outro',
};

export const SENTIMENTS: Sentiment[] = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'];

export const SENTIMENT_LABELS: Record<Sentiment, string> = {
  very_negative: 'Muito negativo',
  negative: 'Negativo',
  neutral: 'Neutro',
  positive: 'Positivo',
  very_positive: 'Muito positivo',
};

/** Negative tones stand out (red, orange); neutral stays grey; positive is green. */
export const SENTIMENT_STYLES: Record<Sentiment, string> = {
  very_negative: 'bg-red-100 text-red-800',
  negative: 'bg-orange-100 text-orange-800',
  neutral: 'bg-slate-100 text-slate-700',
  positive: 'bg-emerald-50 text-emerald-800',
  very_positive: 'bg-emerald-100 text-emerald-800',
};

/**
 * The inbox's sentiment filter: the server's `negative` and `positive` take
 * in their "very" level too, so those options read as plurals.
 */
export const SENTIMENT_FILTERS: { value: Sentiment; label: string }[] = [
  { value: 'negative', label: 'Negativos' },
  { value: 'very_negative', label: 'Muito negativos' },
  { value: 'neutral', label: 'Neutros' },
  { value: 'positive', label: 'Positivos' },
  { value: 'very_positive', label: 'Muito positivos' },
];

export const TRIAGE_ENGINE_LABELS: Record<TriageEngine, string> = {
  rule: 'Regra da empresa',
  local_model: 'Modelo da empresa',
  starter_model: 'Modelo inicial',
  openai: 'OpenAI',
  claude: 'Claude',
};

/** An engine's name from the accuracy report (its keys are plain strings). */
export function triageEngineLabel(engine: string): string {
  return engine in TRIAGE_ENGINE_LABELS ? TRIAGE_ENGINE_LABELS[engine as TriageEngine] : engine;
}

/** What an agent changed after triage (`TicketTriage.corrected`). */
const CORRECTED_FIELD_LABELS: Record<string, string> = {
  category: 'categoria',
  priority: 'prioridade',
  team: 'equipe',
};

/** ["priority", "team"] → "prioridade e equipe". */
export function correctedFieldsLabel(fields: string[]): string {
  const names = fields.map((field) => CORRECTED_FIELD_LABELS[field] ?? field);
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} e ${names[names.length - 1]}`;
}

// The company's LLM: providers, and how its calls went (`AiUsageRow`).

export const LLM_PROVIDER_LABELS: Record<LlmProviderKind, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic (Claude)',
};

/** What the server uses when the model is left empty (ai::llm's DEFAULT_MODEL of each client). */
export const LLM_DEFAULT_MODELS: Record<LlmProviderKind, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-3-5-haiku-latest',
};

const AI_OUTCOME_LABELS: Record<string, string> = {
  ok: 'Respondida',
  over_limit: 'Acima do limite',
  timeout: 'Sem resposta a tempo',
  rate_limited: 'Limite do provedor',
  refused: 'Recusada pelo modelo',
  truncated: 'Resposta cortada',
  invalid: 'Resposta inválida',
  error: 'Erro',
};

/** An LLM call's outcome (a plain string in the API); an unknown one is shown as sent. */
export const aiOutcomeLabel = (outcome: string): string => AI_OUTCOME_LABELS[outcome] ?? outcome;

const AI_FEATURE_LABELS: Record<string, string> = {
  triage: 'Triagem',
  summary: 'Resumo',
  reply: 'Sugestão de resposta',
  bot_faq: 'Bot: dúvidas frequentes',
};

/** What the LLM was called for (a plain string in the API). */
export const aiFeatureLabel = (feature: string): string => AI_FEATURE_LABELS[feature] ?? feature;

// The service bot on a ticket (`GET /tickets/{id}/bot`; its step is a plain string in the API).

const BOT_STEP_LABELS: Record<string, string> = {
  menu: 'No menu',
  choose_invoice: 'Escolhendo a fatura',
  choose_faq: 'Escolhendo a dúvida',
  ask_document: 'Pedindo CPF/CNPJ',
  handed_over: 'Transferido',
  silent: 'Silencioso (uma pessoa assumiu)',
};

const BOT_STEP_STYLES: Record<string, string> = {
  handed_over: 'bg-amber-100 text-amber-900',
  silent: 'bg-slate-200 text-slate-700',
};

/** Where the conversation stands with the bot; an unknown step is shown as sent. */
export const botStepLabel = (step: string): string => BOT_STEP_LABELS[step] ?? step;
/** Talking to the customer (sky), handed over (amber), silenced (grey). */
export const botStepStyle = (step: string): string => BOT_STEP_STYLES[step] ?? 'bg-sky-100 text-sky-800';
