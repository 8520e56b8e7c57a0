import type { BotSettings, Flow, FlowRun } from '@/lib/api/models';

// Builders for the automation feature's tests.

/** A live button flow (`FlowRunRequested`) that tags the ticket "vip". */
export function makeFlow(overrides: Partial<Flow> = {}): Flow {
  return {
    id: 'f1',
    name: 'Marcar VIP',
    trigger_kind: 'FlowRunRequested',
    conditions: { all: [] },
    actions: [{ type: 'add_tags', tags: ['vip'] }],
    status: 'active',
    version: 1,
    webhook_secret: 's',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}

/** A run of flow `f1`'s version 1, started by a person (depth 0), that succeeded. */
export function makeRun(overrides: Partial<FlowRun> = {}): FlowRun {
  return {
    id: 'r1',
    flow_id: 'f1',
    flow_version: 1,
    event_id: 'e1',
    event_kind: 'FlowRunRequested',
    record_id: 't1',
    depth: 0,
    started_at: '2026-03-02T12:00:00Z',
    status: 'succeeded',
    steps: [],
    ...overrides,
  };
}

/** The server's defaults for a company that never saved its bot: off, the four actions in the menu. */
export function makeBotSettings(overrides: Partial<BotSettings> = {}): BotSettings {
  return {
    enabled: false,
    channels: ['whatsapp', 'webchat'],
    greeting: 'Olá! Sou o assistente virtual da {{empresa}}.',
    menu: [
      { label: '2ª via de fatura, boleto ou PIX', action: 'invoices' },
      { label: 'Já paguei: situação do pagamento', action: 'payments' },
      { label: 'Meus chamados', action: 'tickets' },
      { label: 'Dúvidas frequentes', action: 'faq' },
      { label: 'Falar com um atendente', action: 'human' },
    ],
    faq: [],
    handover_team_id: null,
    max_misunderstandings: 2,
    ...overrides,
  };
}
