import type { Message, Ticket } from '@/lib/api/models';

// Builders for the support feature's tests.

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 't1',
    number: 1001,
    subject: 'Boleto não chegou',
    status: 'open',
    priority: 'normal',
    category: null,
    channel_id: 'ch1',
    channel_kind: 'whatsapp',
    channel_name: 'WhatsApp',
    customer_id: 'c1',
    customer_name: 'Maria Silva',
    contact_address: '+5511999998888',
    contact_verified: true,
    declared_email: null,
    team_id: null,
    team_name: null,
    queue_id: null,
    assignee_id: null,
    assignee_name: null,
    tags: [],
    first_response_due: null,
    resolution_due: null,
    first_response_at: null,
    resolved_at: null,
    sla_status: 'ok',
    snoozed_until: null,
    merged_into: null,
    csat_score: null,
    unread: 0,
    last_message_at: '2026-11-03T12:00:00Z',
    last_inbound_at: '2026-11-03T12:00:00Z',
    version: 1,
    created_at: '2026-11-03T11:00:00Z',
    ...overrides,
  };
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  return {
    id: 'm1',
    ticket_id: 't1',
    direction: 'in',
    author_id: null,
    author_name: 'Maria Silva',
    text: 'Olá',
    html: null,
    extra: {},
    attachments: [],
    delivery_status: null,
    failure_reason: null,
    send_at: null,
    mentions: [],
    created_at: '2026-11-03T12:00:00Z',
    card: null,
    ...overrides,
  };
}
