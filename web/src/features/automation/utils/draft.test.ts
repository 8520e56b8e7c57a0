import { describe, expect, it } from 'vitest';

import type { AutomationTrigger, Flow } from '@/lib/api/models';

import { draftKey, emptyDraft, fromFlow, toRequest, validateDraft } from './draft';

const ticketCreated: AutomationTrigger = {
  kind: 'TicketCreated',
  has_ticket: true,
  fields: [
    { path: 'priority', type: 'text', ops: ['equals', 'not_equals', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'] },
    { path: 'number', type: 'number', ops: ['equals', 'not_equals', 'in', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'] },
  ],
};
const customerCreated: AutomationTrigger = { kind: 'CustomerCreated', has_ticket: false, fields: [] };

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
      'actions.1.tags': 'Informe ao menos uma etiqueta.',
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

it('maps server field errors to editor rows', () => {
  expect(draftKey('conditions.all[2].value')).toBe('conditions.2.value');
  expect(draftKey('conditions.any[0].field')).toBe('conditions.0.field');
  expect(draftKey('actions[1].url')).toBe('actions.1.url');
  expect(draftKey('name')).toBe('name');
});
