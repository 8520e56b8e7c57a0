import type { Intent, Sentiment, SlaFilter, TicketFilter, TicketStatusFilter, TicketView } from '@/lib/api/models';

// The inbox's list lives in the URL ("?visao=unassigned&situacao=any&q=boleto"),
// so a reload, a shared link or "back" shows the same list.

const VIEWS: readonly TicketView[] = ['mine', 'unassigned', 'my_teams', 'all'];
const STATUSES: readonly TicketStatusFilter[] = ['open', 'pending', 'waiting_customer', 'resolved', 'closed', 'any'];
const SLAS: readonly SlaFilter[] = ['warning', 'breached'];
const INTENTS: readonly Intent[] = ['comprar', 'segunda_via', 'suporte_tecnico', 'cancelar', 'reclamacao', 'elogio', 'outro'];
const SENTIMENTS: readonly Sentiment[] = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Agents start on their own tickets; whoever runs the team (owner, admin, manager) on all of them. */
export const defaultView = (configures: boolean): TicketView => (configures ? 'all' : 'mine');

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

/** The list's filters from the URL; unknown values are ignored. `view` always has a value. */
export function readInboxFilters(params: URLSearchParams, fallbackView: TicketView = 'mine'): TicketFilter & { view: TicketView } {
  const channel = params.get('canal');
  const tag = params.get('etiqueta')?.trim().toLowerCase();
  const q = params.get('q')?.trim();
  return {
    view: pick(params.get('visao'), VIEWS) ?? fallbackView,
    status: pick(params.get('situacao'), STATUSES),
    channel_id: channel && UUID.test(channel) ? channel : undefined,
    tag: tag || undefined,
    sla: pick(params.get('sla'), SLAS),
    intent: pick(params.get('intencao'), INTENTS),
    sentiment: pick(params.get('sentimento'), SENTIMENTS),
    q: q || undefined,
  };
}

const PARAM: Record<keyof TicketFilter, string | null> = {
  view: 'visao',
  status: 'situacao',
  channel_id: 'canal',
  tag: 'etiqueta',
  sla: 'sla',
  q: 'q',
  customer_id: null,
  intent: 'intencao',
  sentiment: 'sentimento',
};

/** The URL's search with one filter changed ('' or undefined removes it). */
export function withInboxFilter(params: URLSearchParams, name: keyof TicketFilter, value: string | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  const key = PARAM[name];
  if (!key) return next;
  if (value) next.set(key, value);
  else next.delete(key);
  return next;
}

/** Whether anything narrows the list beyond its view. */
export function hasNarrowingFilters(filters: TicketFilter): boolean {
  return Boolean(filters.status || filters.channel_id || filters.tag || filters.sla || filters.intent || filters.sentiment || filters.q);
}
