import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AutomationTrigger } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { FlowEditor } from './flow-editor';

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const TEXT = ['equals', 'not_equals', 'contains', 'starts_with', 'in', 'is_empty', 'is_not_empty'] as const;
const triggers: AutomationTrigger[] = [
  {
    kind: 'MessageReceived',
    has_ticket: true,
    fields: [
      { path: 'preview', type: 'text', ops: [...TEXT] },
      { path: 'record.number', type: 'number', ops: ['equals', 'greater_than', 'less_than'] },
      { path: 'record.customer_name', type: 'text', ops: [...TEXT] },
    ],
  },
  { kind: 'FlowScheduleFired', has_ticket: false, fields: [{ path: 'fired_at', type: 'text', ops: [...TEXT] }] },
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

    await user.click(within(form).getByRole('button', { name: '+ Avisar por e-mail' }));
    const action = within(form).getByRole('listitem', { name: /Avisar por e-mail/ });
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

    await user.click(within(form).getByRole('button', { name: '+ Responder ao cliente' }));
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(form).findByText('Este evento não se refere a um ticket.')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.click(within(form).getByRole('button', { name: 'Remover a ação 1' }));
    await user.click(within(form).getByRole('button', { name: '+ Chamar webhook' }));
    await user.type(within(form).getByLabelText(/^Endereço/), 'https://erp.example.com/h');
    await user.click(within(form).getByRole('button', { name: 'Criar fluxo' }));
    expect(await within(form).findByText('Agende com pelo menos 15 minutos entre as execuções.')).toBeInTheDocument();
    expect(posted).toEqual([
      { name: 'Bom dia', trigger_kind: 'FlowScheduleFired', schedule: '0 9 * * Mon', conditions: { all: [] }, actions: [{ type: 'webhook', url: 'https://erp.example.com/h' }] },
    ]);
  });
});
