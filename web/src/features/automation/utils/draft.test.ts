import { describe, expect, it } from 'vitest';

import type { AutomationTrigger, Flow } from '@/lib/api/models';

import {
  type ActionDraft,
  draftKey,
  dueCondition,
  dueIndex,
  emptyDraft,
  fromFlow,
  insertVariable,
  isScheduled,
  type LeafDraft,
  missingSubject,
  scheduleProblem,
  toRequest,
  validateDraft,
} from './draft';
import { fieldOf } from './fields';
import { makeFlow } from './test-fixtures';

/** What a trigger's events name, as GET /automation/triggers says. */
const names = (subjects: Partial<Pick<AutomationTrigger, 'has_ticket' | 'has_customer' | 'has_invoice' | 'has_opportunity'>>) => ({
  has_ticket: false,
  has_customer: false,
  has_invoice: false,
  has_opportunity: false,
  ...subjects,
});
const ticketCreated: AutomationTrigger = {
  kind: 'TicketCreated',
  ...names({ has_ticket: true, has_customer: true }),
  fields: [
    { path: 'priority', type: 'text', ops: ['equals', 'not_equals', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'] },
    { path: 'number', type: 'number', ops: ['equals', 'not_equals', 'in', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'] },
  ],
};
const TEXT_OPS = ticketCreated.fields[0].ops;
const customerCreated: AutomationTrigger = {
  kind: 'CustomerCreated',
  ...names({ has_customer: true }),
  fields: [
    { path: 'customer_id', type: 'text', ops: TEXT_OPS },
    { path: 'customer.name', type: 'text', ops: TEXT_OPS },
    { path: 'customer.custom_fields', type: 'object', ops: ['is_empty', 'is_not_empty'] },
    { path: 'now.business_hours', type: 'boolean', ops: ['equals', 'not_equals', 'is_empty', 'is_not_empty'] },
  ],
};
const invoicePaid: AutomationTrigger = {
  kind: 'InvoicePaid',
  ...names({ has_customer: true, has_invoice: true }),
  fields: [
    { path: 'invoice_id', type: 'text', ops: TEXT_OPS },
    { path: 'customer.name', type: 'text', ops: TEXT_OPS },
    { path: 'invoice.link', type: 'text', ops: TEXT_OPS },
    { path: 'invoice.amount_due', type: 'text', ops: TEXT_OPS },
  ],
};
/** A ticket's event plus the ticket as it is now (`record.*`), as GET /automation/triggers lists them. */
const messageReceived: AutomationTrigger = {
  kind: 'MessageReceived',
  ...names({ has_ticket: true, has_customer: true }),
  fields: [
    { path: 'preview', type: 'text', ops: TEXT_OPS },
    { path: 'record.number', type: 'number', ops: ['equals', 'greater_than', 'less_than'] },
    { path: 'record.customer_name', type: 'text', ops: TEXT_OPS },
    { path: 'record.awaiting_reply', type: 'boolean', ops: ['equals', 'not_equals', 'is_empty', 'is_not_empty'] },
  ],
};
const scheduled: AutomationTrigger = {
  kind: 'FlowScheduleFired',
  ...names({}),
  fields: [{ path: 'fired_at', type: 'text', ops: TEXT_OPS }],
};
const USER = '0190f0e2-0000-7000-8000-000000000001';
const TEAM = '0190f0e2-0000-7000-8000-000000000002';
const draftOf = (trigger: AutomationTrigger, actions: ActionDraft[]) => ({ ...emptyDraft(), name: 'Fluxo', trigger: trigger.kind, actions });

describe('validateDraft', () => {
  it('asks for a name, a trigger and an action', () => {
    expect(validateDraft(emptyDraft(), undefined)).toEqual({ name: 'Dê um nome ao fluxo.', trigger_kind: 'Escolha o evento que dispara o fluxo.' });
    const draft = { ...emptyDraft(), name: 'Urgentes', trigger: 'TicketCreated' as const };
    expect(validateDraft(draft, ticketCreated)).toEqual({ actions: 'Inclua ao menos uma ação.' });
  });

  it('names the row and field of each bad condition and action', () => {
    const draft = {
      ...emptyDraft(),
      name: 'Urgentes',
      trigger: 'TicketCreated' as const,
      conditions: [
        { field: 'prioridade', op: 'equals' as const, value: 'urgent' },
        { field: 'number', op: 'contains' as const, value: '1' },
        { field: 'number', op: 'greater_than' as const, value: 'dez' },
        { field: 'priority', op: 'is_empty' as const, value: '' },
      ],
      actions: [
        { type: 'add_note' as const, text: 'Olá {{number' },
        { type: 'add_tags' as const, tags: ' , ' },
        { type: 'webhook' as const, url: 'ftp://erp' },
      ],
    };
    expect(validateDraft(draft, ticketCreated)).toEqual({
      'conditions.0.field': 'Escolha um campo do evento.',
      'conditions.1.op': 'Escolha um operador.',
      'conditions.2.value': 'Informe um número.',
      'actions.0.text': 'Feche cada variável com }}.',
      'actions.1.tags': 'De 1 a 20 etiquetas de até 40 caracteres.',
      'actions.2.url': 'Informe um endereço https:// válido.',
    });
  });

  it('refuses ticket actions for events without a ticket, but not webhooks', () => {
    const draft = {
      ...emptyDraft(),
      name: 'Novo cliente',
      trigger: 'CustomerCreated' as const,
      actions: [{ type: 'add_note' as const, text: 'Oi' }, { type: 'webhook' as const, url: 'https://erp.example.com/h' }],
    };
    expect(validateDraft(draft, customerCreated)).toEqual({ 'actions.0.type': 'Este evento não se refere a um ticket.' });
  });
});

describe('toRequest', () => {
  it('types values by field and splits lists', () => {
    const draft = {
      ...emptyDraft(),
      name: ' Urgentes ',
      trigger: 'TicketCreated' as const,
      mode: 'any' as const,
      conditions: [
        { field: 'priority', op: 'in' as const, value: 'high, urgent' },
        { field: 'number', op: 'greater_than' as const, value: '10' },
        { field: 'priority', op: 'is_not_empty' as const, value: 'ignorado' },
      ],
      actions: [{ type: 'add_tags' as const, tags: 'vip, urgente' }],
    };
    expect(toRequest(draft, ticketCreated)).toEqual({
      name: 'Urgentes',
      trigger_kind: 'TicketCreated',
      conditions: {
        any: [
          { field: 'priority', op: 'in', value: ['high', 'urgent'] },
          { field: 'number', op: 'greater_than', value: 10 },
          { field: 'priority', op: 'is_not_empty' },
        ],
      },
      actions: [{ type: 'add_tags', tags: ['vip', 'urgente'] }],
    });
  });

  it('sends the new actions typed as the API takes them', () => {
    const draft = {
      ...draftOf(messageReceived, [
        { type: 'set_status', status: 'pending' },
        { type: 'assign', team_id: TEAM, user_id: '' },
        { type: 'wait', amount: ' 2 ', unit: 'hours' },
        { type: 'reply', text: ' Olá, {{record.customer_name}} ', template: { name: ' retorno ', language: 'pt_BR', params: [' {{record.customer_name}} '] } },
        { type: 'reply', text: 'Só no canal', template: null },
        { type: 'notify', user_ids: [USER], subject: ' Ticket #{{record.number}} ', text: '"{{preview}}"' },
      ]),
      conditions: [{ field: 'record.awaiting_reply', op: 'equals' as const, value: 'sim' }],
    };
    expect(validateDraft(draft, messageReceived)).toEqual({});
    expect(toRequest(draft, messageReceived)).toEqual({
      name: 'Fluxo',
      trigger_kind: 'MessageReceived',
      conditions: { all: [{ field: 'record.awaiting_reply', op: 'equals', value: true }] },
      actions: [
        { type: 'set_status', status: 'pending' },
        { type: 'assign', team_id: TEAM, user_id: null },
        { type: 'wait', amount: 2, unit: 'hours' },
        { type: 'reply', text: 'Olá, {{record.customer_name}}', template: { name: 'retorno', language: 'pt_BR', params: ['{{record.customer_name}}'] } },
        { type: 'reply', text: 'Só no canal' },
        { type: 'notify', user_ids: [USER], subject: 'Ticket #{{record.number}}', text: '"{{preview}}"' },
      ],
    });
  });

  it('sends a schedule only for scheduled flows', () => {
    const notify: ActionDraft = { type: 'notify', user_ids: [USER], subject: 'Bom dia', text: 'Hora da revisão.' };
    const daily = { ...draftOf(scheduled, [notify]), schedule: ' 0 9  * * Mon-Fri ' };
    expect(toRequest(daily, scheduled)).toMatchObject({ trigger_kind: 'FlowScheduleFired', schedule: '0 9 * * Mon-Fri' });
    const other = { ...draftOf(messageReceived, [notify]), schedule: '0 9 * * Mon-Fri' };
    expect(toRequest(other, messageReceived)).not.toHaveProperty('schedule');
  });

  it('keeps nested groups made through the API untouched', () => {
    const nested = { all: [{ any: [{ field: 'priority', op: 'equals' as const, value: 'high' }] }] };
    const flow = {
      id: '1',
      name: 'Aninhado',
      trigger_kind: 'TicketCreated',
      conditions: nested,
      actions: [{ type: 'add_tags', tags: ['a'] }],
      status: 'draft',
      version: 1,
      webhook_secret: 'x',
      created_at: '',
      updated_at: '',
    } satisfies Flow;
    const draft = fromFlow(flow);
    expect(draft.conditions).toEqual([]);
    expect(toRequest(draft, ticketCreated).conditions).toEqual(nested);
  });
});

describe('validateDraft of the new actions', () => {
  it('mirrors the server: assign, reply template, notify, wait', () => {
    const draft = draftOf(messageReceived, [
      { type: 'assign', team_id: '', user_id: '' },
      { type: 'reply', text: '  ', template: { name: '', language: 'pt_BR_LONGO_', params: ['ok', ' '] } },
      { type: 'notify', user_ids: [], subject: '', text: 'x'.repeat(5001) },
      { type: 'wait', amount: '0', unit: 'minutes' },
      { type: 'wait', amount: '31', unit: 'days' },
      { type: 'wait', amount: '1,5', unit: 'hours' },
    ]);
    expect(validateDraft(draft, messageReceived)).toEqual({
      'actions.0.team_id': 'Escolha a equipe, a pessoa ou ambas.',
      'actions.1.text': 'Escreva a mensagem (até 4.096 caracteres).',
      'actions.1.template.name': 'Informe o nome do modelo aprovado.',
      'actions.1.template.language': 'Informe o idioma do modelo (ex.: pt_BR).',
      'actions.1.template.params': 'Preencha cada parâmetro ou remova-o.',
      'actions.2.user_ids': 'Escolha de 1 a 20 pessoas.',
      'actions.2.subject': 'Informe o assunto (até 200 caracteres).',
      'actions.2.text': 'Escreva a mensagem (até 5.000 caracteres).',
      'actions.3.amount': 'Espere de 1 minuto a 30 dias.',
      'actions.4.amount': 'Espere de 1 minuto a 30 dias.',
      'actions.5.amount': 'Espere de 1 minuto a 30 dias.',
    });
  });

  it('waits until a clock time written HH:MM, sent as the API takes it', () => {
    const bad: ActionDraft = { type: 'wait_until', time: '9h', weekdays: true };
    expect(validateDraft(draftOf(messageReceived, [bad]), messageReceived)).toEqual({
      'actions.0.time': 'Informe a hora como HH:MM (ex.: 09:00).',
    });
    const good: ActionDraft = { type: 'wait_until', time: '09:30', weekdays: false };
    expect(validateDraft(draftOf(messageReceived, [good]), messageReceived)).toEqual({});
    expect(toRequest(draftOf(messageReceived, [good]), messageReceived).actions).toEqual([
      { type: 'wait_until', time: '09:30', weekdays: false },
    ]);
  });

  it('allows at most three waits', () => {
    const wait: ActionDraft = { type: 'wait', amount: '1', unit: 'hours' };
    expect(validateDraft(draftOf(messageReceived, [wait, wait, wait, wait]), messageReceived)).toEqual({ actions: 'Até 3 esperas por fluxo.' });
  });

  it('knows the variables the trigger provides, record.* and a leading name included', () => {
    const note = (text: string): ActionDraft => ({ type: 'add_note', text });
    const draft = draftOf(messageReceived, [note('{{record.number}} {{ticket.preview}} {{ preview }}'), note('{{record.valor}}'), note('{{fatura.link}}')]);
    expect(validateDraft(draft, messageReceived)).toEqual({
      'actions.1.text': 'Este evento não tem a variável {{record.valor}}.',
      'actions.2.text': 'Este evento não tem a variável {{fatura.link}}.',
    });
  });

  it('lets e-mails, waits and webhooks run without a ticket, but not replies or assignments', () => {
    const draft = {
      ...draftOf(scheduled, [
        { type: 'notify', user_ids: [USER], subject: 'Agenda de {{fired_at}}', text: 'Revise os tickets.' },
        { type: 'wait', amount: '15', unit: 'minutes' },
        { type: 'reply', text: 'Oi', template: null },
        { type: 'assign', team_id: TEAM, user_id: '' },
      ]),
      schedule: '0 9 * * Mon-Fri',
    };
    expect(validateDraft(draft, scheduled)).toEqual({
      'actions.2.type': 'Este evento não se refere a um ticket.',
      'actions.3.type': 'Este evento não se refere a um ticket.',
    });
  });

  it('asks a scheduled flow for five cron fields with weekdays by name', () => {
    const notify: ActionDraft = { type: 'notify', user_ids: [USER], subject: 'Bom dia', text: 'Oi' };
    expect(validateDraft(draftOf(scheduled, [notify]), scheduled)).toEqual({ schedule: 'Informe quando o fluxo roda (ex.: 0 9 * * Mon-Fri).' });
    expect(scheduleProblem('0 9 * *')).toMatch(/cinco campos/);
    expect(scheduleProblem('0 9 * * 1-5')).toMatch(/em inglês/);
    expect(scheduleProblem('0 9 * * Mon-Fri')).toBeNull();
    expect(scheduleProblem('0 * * * *')).toBeNull();
  });
});

describe('fromFlow', () => {
  const live = makeFlow({
    name: 'Sem resposta',
    trigger_kind: 'MessageReceived',
    conditions: { all: [{ field: 'record.awaiting_reply', op: 'equals', value: true }] },
    actions: [{ type: 'wait', amount: 2, unit: 'hours' }],
  });

  it('edits the live definition, with waits and templates as text', () => {
    const flow = {
      ...live,
      actions: [
        { type: 'wait', amount: 2, unit: 'hours' },
        { type: 'reply', text: 'Oi', template: { name: 'retorno', language: 'pt_BR' } },
        { type: 'assign', user_id: USER },
      ],
    } satisfies Flow;
    expect(fromFlow(flow)).toMatchObject({
      trigger: 'MessageReceived',
      schedule: '',
      conditions: [{ field: 'record.awaiting_reply', op: 'equals', value: 'true' }],
      actions: [
        { type: 'wait', amount: '2', unit: 'hours' },
        { type: 'reply', text: 'Oi', template: { name: 'retorno', language: 'pt_BR', params: [] } },
        { type: 'assign', team_id: '', user_id: USER },
      ],
    });
  });

  it('edits the pending draft of a published flow, not the live version', () => {
    const flow = {
      ...live,
      draft: { trigger_kind: 'FlowScheduleFired', schedule: '0 8 * * *', actions: [{ type: 'notify', user_ids: [USER], subject: 'Bom dia', text: 'Oi' }] },
    } satisfies Flow;
    expect(fromFlow(flow)).toMatchObject({
      name: 'Sem resposta',
      trigger: 'FlowScheduleFired',
      schedule: '0 8 * * *',
      conditions: [],
      actions: [{ type: 'notify', user_ids: [USER], subject: 'Bom dia', text: 'Oi' }],
    });
  });
});

it('puts a variable at the caret, spaced from its neighbours', () => {
  expect(insertVariable('', 'number')).toBe('{{number}}');
  expect(insertVariable('Ticket #', 'number', 8)).toBe('Ticket # {{number}}');
  expect(insertVariable('Olá !', 'record.customer_name', 4)).toBe('Olá {{record.customer_name}} !');
  expect(insertVariable('Olá XX!', 'preview', 4, 6)).toBe('Olá {{preview}} !');
});

it('maps server field errors to editor rows', () => {
  expect(draftKey('actions[1].template.name')).toBe('actions.1.template.name');
  expect(draftKey('schedule')).toBe('schedule');
  expect(draftKey('conditions.all[2].value')).toBe('conditions.2.value');
  expect(draftKey('conditions.any[0].field')).toBe('conditions.0.field');
  expect(draftKey('actions[1].url')).toBe('actions.1.url');
  expect(draftKey('name')).toBe('name');
});

describe('date conditions', () => {
  const invoiceIssued: AutomationTrigger = {
    kind: 'InvoiceIssued',
    ...names({ has_customer: true, has_invoice: true }),
    fields: [{ path: 'due_date', type: 'date', ops: ['within_next_days', 'more_than_days_ago', 'is_empty', 'is_not_empty'] }],
  };
  const draft = (value: string) => ({
    ...emptyDraft(),
    name: 'Vence logo',
    trigger: 'InvoiceIssued' as const,
    conditions: [{ field: 'due_date', op: 'within_next_days' as const, value }],
    actions: [{ type: 'webhook' as const, url: 'https://erp.example.com/x' }],
  });

  it('asks for a number of days and sends it as a number', () => {
    expect(validateDraft(draft('três'), invoiceIssued)['conditions.0.value']).toBe('Informe um número de dias.');
    expect(validateDraft(draft('3'), invoiceIssued)).toEqual({});
    expect(toRequest(draft('3'), invoiceIssued).conditions).toEqual({ all: [{ field: 'due_date', op: 'within_next_days', value: 3 }] });
  });
});

describe('customer, invoice and deal actions', () => {
  const PIPELINE = '0190f0e2-0000-7000-8000-000000000003';
  const STAGE = '0190f0e2-0000-7000-8000-000000000004';

  it('needs the record each action acts on, as the server says it', () => {
    const draft = draftOf(customerCreated, [
      { type: 'send_invoice', via: 'email' },
      { type: 'move_opportunity', stage_id: STAGE },
      { type: 'email_customer', subject: 'Oi {{cliente.nome}}', text: 'Bem-vindo' },
      { type: 'set_custom_field', key: 'plano', value: 'ouro', kind: 'text' },
      { type: 'wait_business_hours' },
    ]);
    expect(validateDraft(draft, customerCreated)).toEqual({
      'actions.0.type': 'Este evento não se refere a uma fatura.',
      'actions.1.type': 'Este evento não se refere a uma oportunidade.',
    });
    expect(missingSubject('send_invoice', invoicePaid)).toBeNull();
    expect(missingSubject('email_customer', scheduled)).toBe('customer');
    // A ticket's events name its customer through the ticket.
    expect(missingSubject('create_opportunity', messageReceived)).toBeNull();
  });

  it('mirrors the server: subject, text, title, value, funnel, stage and key', () => {
    const draft = draftOf(invoicePaid, [
      { type: 'email_customer', subject: ' ', text: 'x'.repeat(10_001) },
      { type: 'create_opportunity', pipeline_id: '', stage_id: '', title: '', value: '-1', owner_id: '' },
      { type: 'create_opportunity', pipeline_id: PIPELINE, stage_id: '', title: 'Renovação', value: '1.000.000.000,01', owner_id: '' },
      { type: 'set_custom_field', key: 'Plano X', value: 'dez', kind: 'number' },
      { type: 'email_customer', subject: '{{fatura.link}} {{fatura.valor}}', text: '{{fatura.pix}}' },
    ]);
    expect(validateDraft({ ...draft, actions: [...draft.actions, { type: 'move_opportunity', stage_id: '' }] }, { ...invoicePaid, has_opportunity: true })).toEqual({
      'actions.0.subject': 'Informe o assunto (até 200 caracteres).',
      'actions.0.text': 'Escreva a mensagem (até 10.000 caracteres).',
      'actions.1.pipeline_id': 'Escolha o funil.',
      'actions.1.title': 'Informe o título (até 200 caracteres).',
      'actions.1.value_cents': 'Informe um valor de R$ 0 a R$ 1 bilhão.',
      'actions.2.value_cents': 'Informe um valor de R$ 0 a R$ 1 bilhão.',
      'actions.3.key': 'Informe a chave do campo personalizado (ex.: plano).',
      'actions.3.value': 'Informe um número.',
      'actions.4.text': 'Este evento não tem a variável {{fatura.pix}}.',
      'actions.5.stage_id': 'Escolha a etapa.',
    });
  });

  it('knows the pt-BR variables and custom fields only where the event reads the customer', () => {
    const email = (subject: string): ActionDraft => ({ type: 'email_customer', subject, text: 'ok' });
    const draft = draftOf(customerCreated, [email('{{cliente.nome}} {{customer.custom_fields.plano}} {{cliente.campos.plano}}'), email('{{fatura.link}}')]);
    expect(validateDraft(draft, customerCreated)).toEqual({ 'actions.1.subject': 'Este evento não tem a variável {{fatura.link}}.' });
  });

  it('sends a deal value in cents and custom field values typed', () => {
    const draft = draftOf(invoicePaid, [
      { type: 'create_opportunity', pipeline_id: PIPELINE, stage_id: '', title: ' Renovação {{fatura.valor}} ', value: '1.234,56', owner_id: '' },
      { type: 'create_opportunity', pipeline_id: PIPELINE, stage_id: STAGE, title: 'Grátis', value: '', owner_id: USER },
      { type: 'set_custom_field', key: 'limite', value: '10,5', kind: 'number' },
      { type: 'set_custom_field', key: 'plano', value: '', kind: 'text' },
      { type: 'set_custom_field', key: 'vip', value: 'false', kind: 'boolean' },
      { type: 'send_invoice', via: 'whatsapp' },
      { type: 'wait_business_hours' },
    ]);
    expect(validateDraft(draft, invoicePaid)).toEqual({});
    expect(toRequest(draft, invoicePaid).actions).toEqual([
      { type: 'create_opportunity', pipeline_id: PIPELINE, title: 'Renovação {{fatura.valor}}', value_cents: 123456 },
      { type: 'create_opportunity', pipeline_id: PIPELINE, stage_id: STAGE, title: 'Grátis', value_cents: 0, owner_id: USER },
      { type: 'set_custom_field', key: 'limite', value: 10.5 },
      { type: 'set_custom_field', key: 'plano', value: null },
      { type: 'set_custom_field', key: 'vip', value: false },
      { type: 'send_invoice', via: 'whatsapp' },
      { type: 'wait_business_hours' },
    ]);
  });

  it('edits them back as text', () => {
    const flow = makeFlow({
      trigger_kind: 'InvoicePaid',
      actions: [
        { type: 'create_opportunity', pipeline_id: PIPELINE, title: 'Renovação', value_cents: 123456 },
        { type: 'set_custom_field', key: 'limite', value: 10.5 },
        { type: 'set_custom_field', key: 'vip', value: true },
        { type: 'set_custom_field', key: 'plano', value: null },
      ],
    });
    expect(fromFlow(flow).actions).toEqual([
      { type: 'create_opportunity', pipeline_id: PIPELINE, stage_id: '', title: 'Renovação', value: '1.234,56', owner_id: '' },
      { type: 'set_custom_field', key: 'limite', value: '10.5', kind: 'number' },
      { type: 'set_custom_field', key: 'vip', value: 'true', kind: 'boolean' },
      { type: 'set_custom_field', key: 'plano', value: '', kind: 'text' },
    ]);
  });

  it('waits for business hours as a wait: at most three in all', () => {
    const waits: ActionDraft[] = [{ type: 'wait_business_hours' }, { type: 'wait', amount: '1', unit: 'hours' }, { type: 'wait_business_hours' }];
    expect(validateDraft(draftOf(customerCreated, [...waits, { type: 'wait_business_hours' }]), customerCreated)).toEqual({ actions: 'Até 3 esperas por fluxo.' });
  });
});

describe('custom field conditions', () => {
  const draft = (op: LeafDraft['op'], value: string) => ({
    ...draftOf(customerCreated, [{ type: 'webhook', url: 'https://erp.example.com/x' }]),
    conditions: [{ field: 'customer.custom_fields.limite', op, value }],
  });

  it('sends a number for greater_than, text for equals, and refuses contains', () => {
    expect(toRequest(draft('greater_than', ' 10,5 '), customerCreated).conditions).toEqual({
      all: [{ field: 'customer.custom_fields.limite', op: 'greater_than', value: 10.5 }],
    });
    expect(toRequest(draft('equals', ' Ouro '), customerCreated).conditions).toEqual({
      all: [{ field: 'customer.custom_fields.limite', op: 'equals', value: 'Ouro' }],
    });
    expect(validateDraft(draft('less_than', 'dez'), customerCreated)).toEqual({ 'conditions.0.value': 'Informe um número.' });
    expect(validateDraft(draft('contains', 'x'), customerCreated)).toEqual({ 'conditions.0.op': 'Escolha um operador.' });
  });

  it('exists only where the event reads the customer', () => {
    const onSchedule = { ...draft('equals', 'ouro'), trigger: scheduled.kind, schedule: '0 9 * * Mon-Fri' };
    expect(validateDraft(onSchedule, scheduled)).toEqual({ 'conditions.0.field': 'Escolha um campo do evento.' });
    expect(fieldOf(customerCreated.fields, 'customer.custom_fields.a.b')).toBeUndefined();
    expect(fieldOf(customerCreated.fields, 'customer.custom_fields.plano')?.type).toBe('custom');
  });
});

describe('flows over invoices due', () => {
  const invoiceDue: AutomationTrigger = {
    kind: 'FlowInvoiceDue',
    ...names({ has_customer: true, has_invoice: true }),
    fields: [
      { path: 'days_to_due', type: 'number', ops: ['equals', 'not_equals', 'in', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'] },
      { path: 'customer.name', type: 'text', ops: TEXT_OPS },
    ],
  };
  const draft = (conditions: LeafDraft[], schedule = '0 9 * * *') => ({
    ...draftOf(invoiceDue, [{ type: 'send_invoice', via: 'email' }]),
    schedule,
    conditions,
  });
  const NEEDS_DAYS = 'Inclua a condição "days_to_due é igual a" (ex.: 3 = três dias antes do vencimento) ou "é um de".';

  it('are scheduled, like the schedule itself', () => {
    expect(isScheduled('FlowInvoiceDue')).toBe(true);
    expect(isScheduled('FlowScheduleFired')).toBe(true);
    expect(isScheduled('InvoiceOverdue')).toBe(false);
    expect(isScheduled('')).toBe(false);
    expect(validateDraft(draft([dueCondition(3)], ''), invoiceDue)).toEqual({ schedule: 'Informe quando o fluxo roda (ex.: 0 9 * * Mon-Fri).' });
  });

  it('need a top-level days_to_due equals or in, from -365 to 365, as the server says', () => {
    expect(validateDraft(draft([]), invoiceDue)).toEqual({ conditions: NEEDS_DAYS });
    expect(validateDraft(draft([{ field: 'days_to_due', op: 'greater_than', value: '3' }]), invoiceDue)).toEqual({ conditions: NEEDS_DAYS });
    expect(validateDraft({ ...draft([dueCondition(3)]), mode: 'any' }, invoiceDue)).toEqual({ conditions: NEEDS_DAYS });
    expect(validateDraft(draft([dueCondition(366)]), invoiceDue)).toEqual({ conditions: 'Dias para o vencimento de -365 a 365.' });
    expect(validateDraft(draft([{ field: 'days_to_due', op: 'in', value: '3, 1.5' }]), invoiceDue)).toEqual({
      conditions: 'Dias para o vencimento de -365 a 365.',
    });
    expect(validateDraft(draft([{ field: 'days_to_due', op: 'in', value: '3, -2' }]), invoiceDue)).toEqual({});
    expect(validateDraft(draft([dueCondition(-365)]), invoiceDue)).toEqual({});
  });

  it('send the schedule and the days as a number, and read them back', () => {
    const request = toRequest(draft([{ field: 'customer.name', op: 'is_not_empty', value: '' }, dueCondition(-2)]), invoiceDue);
    expect(request).toMatchObject({
      trigger_kind: 'FlowInvoiceDue',
      schedule: '0 9 * * *',
      conditions: { all: [{ field: 'customer.name', op: 'is_not_empty' }, { field: 'days_to_due', op: 'equals', value: -2 }] },
    });
    const back = fromFlow(makeFlow({ ...request, status: 'draft' }));
    expect(back).toMatchObject({ schedule: '0 9 * * *', conditions: [{ field: 'customer.name' }, dueCondition(-2)] });
    expect(dueIndex(back)).toBe(1);
    expect(dueIndex({ ...back, trigger: 'InvoiceOverdue' })).toBe(-1);
  });
});
