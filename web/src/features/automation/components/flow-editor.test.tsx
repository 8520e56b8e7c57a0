import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AutomationTrigger } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeFlow } from '../utils/test-fixtures';

import { FlowEditor } from './flow-editor';

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const TEXT = ['equals', 'not_equals', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'] as const;
const NONE = { has_ticket: false, has_customer: false, has_invoice: false, has_opportunity: false };
const customer = [
  { path: 'customer.name', type: 'text', ops: [...TEXT] },
  { path: 'customer.custom_fields', type: 'object', ops: ['is_empty', 'is_not_empty'] },
] satisfies AutomationTrigger['fields'];
const triggers: AutomationTrigger[] = [
  {
    kind: 'MessageReceived',
    ...NONE,
    has_ticket: true,
    has_customer: true,
    fields: [
      { path: 'preview', type: 'text', ops: [...TEXT] },
      { path: 'record.number', type: 'number', ops: ['equals', 'greater_than', 'less_than'] },
      { path: 'record.customer_name', type: 'text', ops: [...TEXT] },
      ...customer,
    ],
  },
  { kind: 'FlowScheduleFired', ...NONE, fields: [{ path: 'fired_at', type: 'text', ops: [...TEXT] }] },
  { kind: 'CustomerCreated', ...NONE, has_customer: true, fields: [{ path: 'customer_id', type: 'text', ops: [...TEXT] }, ...customer] },
  {
    kind: 'FlowInvoiceDue',
    ...NONE,
    has_customer: true,
    has_invoice: true,
    fields: [
      { path: 'days_to_due', type: 'number', ops: ['equals', 'not_equals', 'in', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'] },
      ...customer,
      { path: 'invoice.link', type: 'text', ops: [...TEXT] },
    ],
  },
  {
    kind: 'InvoicePaid',
    ...NONE,
    has_customer: true,
    has_invoice: true,
    fields: [{ path: 'invoice_id', type: 'text', ops: [...TEXT] }, ...customer, { path: 'invoice.link', type: 'text', ops: [...TEXT] }],
  },
];
const customFields = [
  { id: 'cf1', key: 'plano', label: 'Plano', field_type: 'select', options: ['ouro', 'prata'], required: false, created_at: '2026-01-01T00:00:00Z' },
  { id: 'cf2', key: 'limite', label: 'Limite', field_type: 'number', options: [], required: false, created_at: '2026-01-01T00:00:00Z' },
  { id: 'cf3', key: 'canais', label: 'Canais', field_type: 'multiselect', options: ['a', 'b'], required: false, created_at: '2026-01-01T00:00:00Z' },
];
const pipelines = [
  {
    id: 'p1',
    name: 'Vendas',
    created_at: '2026-01-01T00:00:00Z',
    stages: [
      { id: 's1', name: 'Contato', kind: 'open', position: 0, probability: 10 },
      { id: 's2', name: 'Proposta', kind: 'open', position: 1, probability: 50 },
      { id: 's3', name: 'Ganha', kind: 'won', position: 2, probability: 100 },
    ],
  },
];
const users = {
  items: [
    { id: 'u1', name: 'Gina Gerente', email: 'gina@example.com', role: 'manager', active: true, created_at: '2026-01-01T00:00:00Z' },
    { id: 'u2', name: 'Ex Funcionário', email: 'ex@example.com', role: 'agent', active: false, created_at: '2026-01-01T00:00:00Z' },
  ],
  next_cursor: null,
};

let posted: unknown[] = [];
function stubApi(answer: (body: unknown) => Response) {
  posted = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (url === '/api/v1/automation/triggers') return json(triggers);
      if (url.startsWith('/api/v1/users')) return json(users);
      if (url === '/api/v1/custom-fields') return json(customFields);
      if (url === '/api/v1/pipelines') return json(pipelines);
      if (url === '/api/v1/automation/flows' && init.method === 'POST') {
        const body = JSON.parse(String(init.body));
        posted.push(body);
        return answer(body);
      }
      return json({}, 404);
    }),
  );
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('FlowEditor', () => {
  it('builds an e-mail to a person with variables from chips, reading the ticket as it is now', async () => {
    stubApi(() => json({}, 201));
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(<FlowEditor flow={null} teams={[]} onDone={onDone} />);
    const form = await screen.findByRole('form', { name: 'Novo fluxo' });

    await user.type(within(form).getByLabelText(/^Nome/), 'Sem resposta');
    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'MessageReceived');
    await user.click(within(form).getByRole('button', { name: 'Adicionar condição' }));
    const field = within(form).getByLabelText(/^Campo/);
    expect(within(field).getByRole('group', { name: 'O ticket agora (quando o fluxo roda)' })).toBeInTheDocument();
    await user.selectOptions(field, 'record.number');
    await user.selectOptions(within(form).getByLabelText(/^Operador/), 'greater_than');
    await user.type(within(form).getByLabelText(/^Valor/), '10');

    await user.click(within(form).getByRole('button', { name: '+ Avisar pessoas da equipe' }));
    const action = within(form).getByRole('listitem', { name: /Avisar pessoas da equipe/ });
    expect(within(action).queryByLabelText(/Ex Funcionário/)).not.toBeInTheDocument();
    await user.click(await within(action).findByLabelText(/Gina Gerente/));
    await user.type(within(action).getByLabelText('Assunto'), 'Ticket #');
    const subjectChips = within(action).getByRole('group', { name: 'Variáveis para assunto' });
    await user.click(within(subjectChips).getByRole('button', { name: '{{record.number}}' }));
    expect(within(action).getByLabelText('Assunto')).toHaveValue('Ticket # {{record.number}}');
    await user.type(within(action).getByLabelText('Mensagem do e-mail'), 'Cliente escreveu: ');
    const textChips = within(action).getByRole('group', { name: 'Variáveis para mensagem do e-mail' });
    await user.click(within(textChips).getByRole('button', { name: '{{preview}}' }));

    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(posted).toEqual([
      {
        name: 'Sem resposta',
        trigger_kind: 'MessageReceived',
        conditions: { all: [{ field: 'record.number', op: 'greater_than', value: 10 }] },
        actions: [{ type: 'notify', user_ids: ['u1'], subject: 'Ticket # {{record.number}}', text: 'Cliente escreveu: {{preview}}' }],
      },
    ]);
  });

  it('offers schedule presets and shows the server refusing a schedule next to it', async () => {
    stubApi(() =>
      json(
        { type: 'about:blank', title: 'Dados inválidos', status: 422, errors: [{ field: 'schedule', message: 'Agende com pelo menos 15 minutos entre as execuções.' }] },
        422,
        'application/problem+json',
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<FlowEditor flow={null} teams={[]} onDone={() => {}} />);
    const form = await screen.findByRole('form', { name: 'Novo fluxo' });

    await user.type(within(form).getByLabelText(/^Nome/), 'Bom dia');
    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'FlowScheduleFired');
    expect(within(form).getByLabelText(/^Agenda \(cron\)/)).toHaveValue('0 9 * * Mon-Fri');
    await user.selectOptions(within(form).getByLabelText(/^Quando rodar/), 'Toda segunda às 9h');
    expect(within(form).getByLabelText(/^Agenda \(cron\)/)).toHaveValue('0 9 * * Mon');
    expect(within(form).getByRole('button', { name: '+ Esperar' })).toBeInTheDocument();
    expect(within(form).queryByRole('button', { name: '+ Responder ao cliente' })).not.toBeInTheDocument();
    expect(within(form).getByText(/não se refere a um ticket, a um cliente, a uma fatura nem a uma oportunidade/)).toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: '+ Chamar webhook' }));
    await user.type(within(form).getByLabelText(/^Endereço/), 'https://erp.example.com/h');
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(form).findByText('Agende com pelo menos 15 minutos entre as execuções.')).toBeInTheDocument();
    expect(posted).toEqual([
      { name: 'Bom dia', trigger_kind: 'FlowScheduleFired', schedule: '0 9 * * Mon', conditions: { all: [] }, actions: [{ type: 'webhook', url: 'https://erp.example.com/h' }] },
    ]);
  });

  it('e-mails a new customer and fills a custom field, with a condition on another custom field', async () => {
    stubApi(() => json({}, 201));
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(<FlowEditor flow={null} teams={[]} onDone={onDone} />);
    const form = await screen.findByRole('form', { name: 'Novo fluxo' });

    await user.type(within(form).getByLabelText(/^Nome/), 'Boas-vindas');
    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'CustomerCreated');
    expect(within(form).queryByRole('button', { name: '+ Enviar a fatura ao cliente' })).not.toBeInTheDocument();
    expect(within(form).queryByRole('button', { name: '+ Adicionar nota interna' })).not.toBeInTheDocument();

    await user.click(within(form).getByRole('button', { name: 'Adicionar condição' }));
    const field = within(form).getByLabelText(/^Campo/);
    const custom = await within(field).findByRole('group', { name: 'Campos personalizados do cliente' });
    expect(within(custom).getByRole('option', { name: 'Cliente: Canais' })).toBeInTheDocument();
    await user.selectOptions(field, 'Cliente: Limite');
    await user.selectOptions(within(form).getByLabelText(/^Operador/), 'greater_than');
    expect(within(within(form).getByLabelText(/^Operador/)).queryByRole('option', { name: 'contém' })).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText(/^Valor/), '1000');

    await user.click(within(form).getByRole('button', { name: '+ Enviar e-mail ao cliente' }));
    const email = within(form).getByRole('listitem', { name: /Enviar e-mail ao cliente/ });
    await user.type(within(email).getByLabelText('Assunto'), 'Bem-vindo,');
    await user.click(within(within(email).getByRole('group', { name: 'Variáveis para assunto' })).getByRole('button', { name: '{{cliente.nome}}' }));
    await user.type(within(email).getByLabelText('Mensagem do e-mail'), 'Conte com a gente.');

    await user.click(within(form).getByRole('button', { name: '+ Preencher campo personalizado do cliente' }));
    const fill = within(form).getByRole('listitem', { name: /Preencher campo personalizado/ });
    const key = within(fill).getByLabelText(/^Campo personalizado/);
    await vi.waitFor(() => expect(key).toBeEnabled());
    // Lists of choices can't be set by a flow.
    expect(within(key).queryByRole('option', { name: 'Canais' })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(fill).findByText('Informe a chave do campo personalizado (ex.: plano).')).toBeInTheDocument();
    expect(posted).toEqual([]);
    await user.selectOptions(key, 'Plano');
    await user.selectOptions(within(fill).getByLabelText(/^Valor do campo/), 'ouro');

    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(posted).toEqual([
      {
        name: 'Boas-vindas',
        trigger_kind: 'CustomerCreated',
        conditions: { all: [{ field: 'customer.custom_fields.limite', op: 'greater_than', value: 1000 }] },
        actions: [
          { type: 'email_customer', subject: 'Bem-vindo, {{cliente.nome}}', text: 'Conte com a gente.' },
          { type: 'set_custom_field', key: 'plano', value: 'ouro' },
        ],
      },
    ]);
  });

  it('flags sending an invoice on an event without one, and opens a deal with its value in cents', async () => {
    stubApi(() => json({}, 201));
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(<FlowEditor flow={null} teams={[]} onDone={onDone} />);
    const form = await screen.findByRole('form', { name: 'Novo fluxo' });

    await user.type(within(form).getByLabelText(/^Nome/), 'Fatura paga');
    // Before an event is chosen, every action is offered.
    await user.click(within(form).getByRole('button', { name: '+ Enviar a fatura ao cliente' }));
    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'CustomerCreated');
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(form).findByText('Este evento não se refere a uma fatura.')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'InvoicePaid');
    const invoice = within(form).getByRole('listitem', { name: /Enviar a fatura ao cliente/ });
    await user.selectOptions(within(invoice).getByLabelText(/^Como enviar/), 'whatsapp');

    await user.click(within(form).getByRole('button', { name: '+ Criar oportunidade' }));
    const deal = within(form).getByRole('listitem', { name: /Criar oportunidade/ });
    await user.type(within(deal).getByLabelText(/^Valor/), '-5');
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(deal).findByText('Escolha o funil.')).toBeInTheDocument();
    expect(within(deal).getByText('Informe o título (até 200 caracteres).')).toBeInTheDocument();
    expect(within(deal).getByText('Informe um valor de R$ 0 a R$ 1 bilhão.')).toBeInTheDocument();

    const pipeline = within(deal).getByLabelText(/^Funil/);
    await vi.waitFor(() => expect(pipeline).toBeEnabled());
    await user.selectOptions(pipeline, 'Vendas');
    const stage = within(deal).getByLabelText(/^Etapa/);
    expect(within(stage).queryByRole('option', { name: 'Ganha' })).not.toBeInTheDocument();
    await user.selectOptions(stage, 'Proposta');
    await user.type(within(deal).getByLabelText(/^Título/), 'Renovação');
    await user.clear(within(deal).getByLabelText(/^Valor/));
    await user.type(within(deal).getByLabelText(/^Valor/), '1.234,56');

    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(posted).toEqual([
      {
        name: 'Fatura paga',
        trigger_kind: 'InvoicePaid',
        conditions: { all: [] },
        actions: [
          { type: 'send_invoice', via: 'whatsapp' },
          { type: 'create_opportunity', pipeline_id: 'p1', stage_id: 's2', title: 'Renovação', value_cents: 123456 },
        ],
      },
    ]);
  });

  it('schedules a flow over invoices and edits its days to due apart from the other conditions', async () => {
    stubApi(() => json({}, 201));
    const user = userEvent.setup();
    const onDone = vi.fn();
    renderWithProviders(<FlowEditor flow={null} teams={[]} onDone={onDone} />);
    const form = await screen.findByRole('form', { name: 'Novo fluxo' });

    await user.type(within(form).getByLabelText(/^Nome/), 'Vence logo');
    await user.selectOptions(within(form).getByLabelText(/^Quando acontecer/), 'FlowInvoiceDue');
    expect(within(form).getByLabelText(/^Agenda \(cron\)/)).toHaveValue('0 9 * * *');
    expect(within(form).getByLabelText(/^Quando rodar/)).toHaveDisplayValue('Todo dia às 9h');
    const due = within(form).getByRole('group', { name: 'Quando em relação ao vencimento' });
    expect(within(due).getByLabelText('Dias')).toHaveValue(3);
    expect(within(due).getByLabelText('Antes ou depois')).toHaveDisplayValue('dias antes do vencimento');
    // Not a second time among the other conditions, which must all hold.
    expect(within(form).queryByRole('group', { name: /^Condição/ })).not.toBeInTheDocument();
    expect(within(form).queryByLabelText(/^O fluxo roda quando/)).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '+ Enviar a fatura ao cliente' }));

    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    await vi.waitFor(() => expect(onDone).toHaveBeenCalled());
    const sent = (days: number) => ({
      name: 'Vence logo',
      trigger_kind: 'FlowInvoiceDue',
      schedule: '0 9 * * *',
      conditions: { all: [{ field: 'days_to_due', op: 'equals', value: days }] },
      actions: [{ type: 'send_invoice', via: 'email' }],
    });
    expect(posted).toEqual([sent(3)]);

    await user.selectOptions(within(due).getByLabelText('Antes ou depois'), 'no dia do vencimento');
    expect(within(due).queryByLabelText('Dias')).not.toBeInTheDocument();
    await user.selectOptions(within(due).getByLabelText('Antes ou depois'), 'dias depois do vencimento');
    await user.clear(within(due).getByLabelText('Dias'));
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(due).findByText('Dias para o vencimento de -365 a 365.')).toBeInTheDocument();
    await user.type(within(due).getByLabelText('Dias'), '2');
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    await vi.waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual(sent(-2));
  });

  it('fills the days to due of a saved flow over invoices back', async () => {
    stubApi(() => json({}, 200));
    const flow = makeFlow({
      name: 'Atrasadas',
      trigger_kind: 'FlowInvoiceDue',
      schedule: '0 8 * * *',
      conditions: { all: [{ field: 'days_to_due', op: 'equals', value: -2 }, { field: 'customer.name', op: 'is_not_empty' }] },
      actions: [{ type: 'send_invoice', via: 'email' }],
      status: 'draft',
    });
    renderWithProviders(<FlowEditor flow={flow} teams={[]} onDone={() => {}} />);
    const form = await screen.findByRole('form', { name: 'Editar fluxo' });
    expect(within(form).getByLabelText(/^Agenda \(cron\)/)).toHaveValue('0 8 * * *');
    const due = within(form).getByRole('group', { name: 'Quando em relação ao vencimento' });
    expect(within(due).getByLabelText('Dias')).toHaveValue(2);
    expect(within(due).getByLabelText('Antes ou depois')).toHaveDisplayValue('dias depois do vencimento');
    // The other condition is listed as usual.
    expect(within(form).getAllByRole('group', { name: /^Condição/ })).toHaveLength(1);
    expect(within(form).getByRole('group', { name: 'Condição 2' })).toBeInTheDocument();
  });
});
