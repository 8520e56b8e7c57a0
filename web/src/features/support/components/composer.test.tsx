import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { ticketSummaryQueryKey } from '../api/query-keys';
import { clearAllDrafts } from '../utils/drafts';
import { makeMessage, makeTicket } from '../utils/test-fixtures';

import { Composer } from './composer';

const me: Me = {
  user: { id: 'u-me', name: 'Ana Agente', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

type Call = { url: string; init: RequestInit };

/** A fetch that answers by method and path, and records the calls. */
function stubApi(routes: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const call = { url, init };
    calls.push(call);
    const path = url.replace(/^\/api\/v1/, '').split('?')[0];
    const handler = routes[`${init.method ?? 'GET'} ${path}`];
    return handler ? handler(call) : json({ title: 'não encontrado', status: 404 }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const users = {
  items: [
    me.user,
    { id: 'u-joao', name: 'João Gerente', email: 'joao@example.com', role: 'manager', active: true, created_at: '2026-01-01T00:00:00Z' },
  ],
  next_cursor: null,
};

function renderComposer(ticket = makeTicket(), who: Me = me) {
  return renderWithProviders(<Composer ticket={ticket} />, { seed: (client) => client.setQueryData(meQueryKey, who) });
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  clearAllDrafts();
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('Composer', () => {
  it('suggests replies like the customer’s message and puts the chosen one, variables filled, in the box', async () => {
    stubApi({
      'GET /users': () => json(users),
      'GET /tickets/t1/suggestions': () =>
        json({
          message: 'Meu boleto venceu',
          items: [
            { kind: 'canned', text: 'Olá, {{customer.first_name}}! Segue o boleto.', title: 'Segunda via', canned_id: 'cr9', shortcut: 'boleto', ticket_number: null, score: 0.8 },
            { kind: 'past_reply', text: 'Enviei o novo boleto por e-mail.', title: null, canned_id: null, shortcut: null, ticket_number: 41, score: 0.5 },
          ],
        }),
      'GET /tickets/t1/canned/cr9': () => json({ text: 'Olá, Maria! Segue o boleto.' }),
    });
    const user = userEvent.setup();
    renderComposer();

    await user.click(screen.getByRole('button', { name: 'Sugerir resposta' }));
    const panel = await screen.findByRole('region', { name: 'Sugestões de resposta' });
    expect(panel).toHaveTextContent('Resposta do ticket #41');
    await user.click((await screen.findAllByRole('button', { name: 'Usar' }))[0]);
    await vi.waitFor(() => expect(screen.getByLabelText('Mensagem para o cliente')).toHaveValue('Olá, Maria! Segue o boleto.'));
    expect(screen.queryByRole('region', { name: 'Sugestões de resposta' })).not.toBeInTheDocument();
  });

  it('drafts a reply with the company’s LLM into the box, unsent, and says what it drew on', async () => {
    const summary = {
      offline: { request: 'Segunda via', points: [], last_customer: 'Segunda via', last_team: null, text: 'Segunda via' },
      llm: null,
      llm_available: true,
      messages: 1,
    };
    const calls = stubApi({
      'GET /users': () => json(users),
      'GET /tickets/t1/summary': () => json(summary),
      'POST /tickets/t1/suggestions/draft': () =>
        json({
          text: 'Olá, Maria! Segue a fatura FAT-0012: https://app.example/fatura/x',
          engine: 'openai',
          model: 'gpt-4o-mini',
          grounded_on: [
            { kind: 'invoice', label: 'FAT-0012' },
            { kind: 'proposal', label: 'PROP-0003' },
            { kind: 'canned', label: 'Segunda via' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderComposer();

    await user.click(await screen.findByRole('button', { name: 'Rascunho com IA' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Mensagem para o cliente')).toHaveValue('Olá, Maria! Segue a fatura FAT-0012: https://app.example/fatura/x'));
    expect(screen.getByText('Baseado em: FAT-0012, Proposta PROP-0003, Resposta pronta Segunda via')).toBeInTheDocument();
    expect(calls.some((call) => call.url === '/api/v1/tickets/t1/messages')).toBe(false);
  });

  it('shows why the LLM could not draft, and offers no draft to a company without one', async () => {
    const summary = { offline: { request: null, points: [], last_customer: null, last_team: null, text: '' }, llm: null, llm_available: true, messages: 0 };
    stubApi({
      'GET /users': () => json(users),
      'GET /tickets/t1/summary': () => json(summary),
      'POST /tickets/t1/suggestions/draft': () =>
        json({ title: 'Conflito', status: 409, detail: 'O cliente ainda não escreveu nada a responder.' }, 409),
    });
    const user = userEvent.setup();
    const first = renderComposer();
    await user.click(await screen.findByRole('button', { name: 'Rascunho com IA' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('O cliente ainda não escreveu nada a responder.');
    first.unmount();

    const calls = stubApi({ 'GET /users': () => json(users), 'GET /tickets/t1/summary': () => json({ ...summary, llm_available: false }) });
    const { queryClient } = renderComposer();
    await vi.waitFor(() => expect(queryClient.getQueryState(ticketSummaryQueryKey('t1'))?.status).toBe('success'));
    expect(calls.some((call) => call.url === '/api/v1/tickets/t1/summary')).toBe(true);
    expect(screen.getByRole('button', { name: 'Sugerir resposta' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Rascunho com IA' })).not.toBeInTheDocument();
  });

  it('inserts a canned response typed after "/" with the ticket’s variables filled', async () => {
    const calls = stubApi({
      'GET /users': () => json(users),
      // Filtered by the server: only "bo" finds it.
      'GET /canned-responses': (call) =>
        json(call.url.includes('q=bo') ? [{ id: 'cr1', shortcut: 'boas', title: 'Boas-vindas', body: 'Olá, {{customer.first_name}}!' }] : []),
      'GET /tickets/t1/canned/cr1': () => json({ text: 'Olá, Maria!' }),
    });
    const user = userEvent.setup();
    renderComposer();

    const box = screen.getByLabelText('Mensagem para o cliente');
    await user.type(box, 'Oi. /bo');
    const option = await screen.findByRole('option', { name: /\/boas · Boas-vindas/ });
    expect(option).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');

    await vi.waitFor(() => expect(box).toHaveValue('Oi. Olá, Maria!'));
    expect(calls.some((call) => call.url === '/api/v1/tickets/t1/canned/cr1')).toBe(true);
    expect(screen.queryByRole('listbox', { name: 'Respostas prontas' })).not.toBeInTheDocument();
  });

  it('previews the canned response in focus, filled by the server, and inserts that same text', async () => {
    const calls = stubApi({
      'GET /users': () => json(users),
      'GET /canned-responses': () =>
        json([
          { id: 'cr1', shortcut: 'ola', title: 'Saudação', body: 'Olá, {{customer.first_name}}! Aqui é {{agent.name}}.' },
          { id: 'cr2', shortcut: 'ola-contato', title: 'Saudação ao contato', body: 'Olá, {{contato.primeiro_nome}}!' },
        ]),
      'GET /tickets/t1/canned/cr1': () => json({ text: 'Olá, Padaria! Aqui é Ana Agente.' }),
      // The server leaves a variable it does not know as typed.
      'GET /tickets/t1/canned/cr2': () => json({ text: 'Olá, {{contato.primeiro_nome}}!' }),
    });
    const user = userEvent.setup();
    renderComposer();

    const box = screen.getByLabelText('Mensagem para o cliente');
    await user.type(box, '/ola');
    const preview = await screen.findByRole('region', { name: 'Prévia da resposta pronta' });
    expect(await screen.findByText('Olá, Padaria! Aqui é Ana Agente.')).toBeInTheDocument();
    expect(preview).not.toHaveTextContent('Sem valor');

    await user.keyboard('{ArrowDown}');
    expect(await screen.findByText(/Sem valor: \{\{contato\.primeiro_nome\}\}/)).toBeInTheDocument();

    await user.keyboard('{ArrowUp}');
    await screen.findByText('Olá, Padaria! Aqui é Ana Agente.');
    await user.keyboard('{Enter}');
    await vi.waitFor(() => expect(box).toHaveValue('Olá, Padaria! Aqui é Ana Agente.'));
    // Inserting reused the previewed answer: one request per response in focus.
    expect(calls.filter((call) => call.url === '/api/v1/tickets/t1/canned/cr1')).toHaveLength(1);
  });

  it('sends with Ctrl+Enter, one Idempotency-Key per submission', async () => {
    let attempt = 0;
    const calls = stubApi({
      'GET /users': () => json(users),
      'POST /tickets/t1/messages': () => {
        attempt += 1;
        return attempt === 1
          ? json({ title: 'Erro', status: 500, detail: 'Falha temporária.' }, 500)
          : json(makeMessage({ id: 'm9', direction: 'out', text: 'Já resolvemos.', delivery_status: 'queued' }), 201);
      },
    });
    const user = userEvent.setup();
    renderComposer();

    const box = screen.getByLabelText('Mensagem para o cliente');
    await user.type(box, 'Já resolvemos.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText('Falha temporária.')).toBeInTheDocument();
    await user.keyboard('{Control>}{Enter}{/Control}');
    await vi.waitFor(() => expect(box).toHaveValue(''));

    const posts = calls.filter((call) => call.init.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(String(posts[0].init.body))).toEqual({ text: 'Já resolvemos.', send_at: null, template: null });
    const key = (posts[0].init.headers as Record<string, string>)['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect((posts[1].init.headers as Record<string, string>)['Idempotency-Key']).toBe(key);
  });

  it('asks for a WhatsApp template when the 24-hour window has closed', async () => {
    const bodies: unknown[] = [];
    stubApi({
      'GET /users': () => json(users),
      'POST /tickets/t1/messages': (call) => {
        const body = JSON.parse(String(call.init.body));
        bodies.push(body);
        return body.template
          ? json(makeMessage({ id: 'm9', direction: 'out', text: '[modelo retomar]', delivery_status: 'queued' }), 201)
          : json(
              {
                title: 'Dados inválidos',
                status: 422,
                errors: [{ field: 'template', message: 'Passaram-se mais de 24 horas desde a última mensagem do cliente.' }],
              },
              422,
            );
      },
    });
    const user = userEvent.setup();
    renderComposer(makeTicket({ channel_kind: 'whatsapp' }));

    await user.type(screen.getByLabelText('Mensagem para o cliente'), 'Oi de novo');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    expect(await screen.findByText(/Passaram-se mais de 24 horas/)).toBeInTheDocument();

    await user.type(screen.getByLabelText(/Nome do modelo/), 'retomar');
    await user.type(screen.getByLabelText('Parâmetros'), 'Maria{Enter}#1001');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toEqual({ text: 'Oi de novo', send_at: null, template: { name: 'retomar', language: 'pt_BR', params: ['Maria', '#1001'] } });
  });

  it('mentions colleagues in an internal note', async () => {
    const bodies: unknown[] = [];
    stubApi({
      'GET /users': () => json(users),
      'POST /tickets/t1/messages': (call) => {
        bodies.push(JSON.parse(String(call.init.body)));
        return json(makeMessage({ id: 'm9', direction: 'note', text: 'x' }), 201);
      },
    });
    const user = userEvent.setup();
    renderComposer();

    await user.click(screen.getByRole('radio', { name: 'Nota interna' }));
    const box = screen.getByLabelText('Nota interna (só a equipe vê)');
    await user.type(box, 'Pode ver, @jo');
    await user.click(await screen.findByRole('option', { name: /João Gerente/ }));
    expect(box).toHaveValue('Pode ver, @João Gerente ');
    await user.type(box, 'por favor?');
    await user.click(screen.getByRole('button', { name: 'Salvar nota' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({ text: 'Pode ver, @João Gerente por favor?', note: true, mentions: ['u-joao'] });
  });

  it('schedules with "Enviar depois"', async () => {
    const bodies: { send_at: string }[] = [];
    stubApi({
      'GET /users': () => json(users),
      'POST /tickets/t1/messages': (call) => {
        bodies.push(JSON.parse(String(call.init.body)));
        return json(makeMessage({ id: 'm9', direction: 'out', delivery_status: 'scheduled' }), 201);
      },
    });
    const user = userEvent.setup();
    renderComposer();

    await user.type(screen.getByLabelText('Mensagem para o cliente'), 'Bom dia!');
    await user.click(screen.getByRole('button', { name: 'Enviar depois' }));
    fireEvent.change(screen.getByLabelText('Enviar em'), { target: { value: '2099-01-02T09:30' } });
    await user.click(screen.getByRole('button', { name: 'Agendar envio' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(new Date(bodies[0].send_at).getTime()).toBe(new Date('2099-01-02T09:30').getTime());
  });

  it('signs e-mail replies with the agent’s signature, unless unchecked, and never notes', async () => {
    const bodies: { text: string }[] = [];
    stubApi({
      'GET /users': () => json(users),
      'POST /tickets/t1/messages': (call) => {
        bodies.push(JSON.parse(String(call.init.body)));
        return json(makeMessage({ id: `m${bodies.length}`, direction: 'out', delivery_status: 'queued' }), 201);
      },
    });
    const user = userEvent.setup();
    renderComposer(makeTicket({ channel_kind: 'email' }), { ...me, signature: 'Ana Agente\nSuporte ACME' });

    const include = screen.getByRole('checkbox', { name: 'Incluir assinatura' });
    expect(include).toBeChecked();
    expect(screen.getByRole('note', { name: 'Assinatura' })).toHaveTextContent('Ana Agente Suporte ACME');

    const box = screen.getByLabelText('Mensagem para o cliente');
    await user.type(box, 'Segue o boleto.');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].text).toBe('Segue o boleto.\n\n-- \nAna Agente\nSuporte ACME');
    await vi.waitFor(() => expect(box).toHaveValue(''));

    await user.click(include);
    expect(screen.queryByRole('note', { name: 'Assinatura' })).not.toBeInTheDocument();
    await user.type(box, 'Sem assinatura.');
    await user.click(screen.getByRole('button', { name: 'Enviar' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1].text).toBe('Sem assinatura.');
    await vi.waitFor(() => expect(box).toHaveValue(''));

    await user.click(include);
    await user.click(screen.getByRole('radio', { name: 'Nota interna' }));
    expect(screen.queryByRole('checkbox', { name: 'Incluir assinatura' })).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('Nota interna (só a equipe vê)'), 'Cliente pagou.');
    await user.click(screen.getByRole('button', { name: 'Salvar nota' }));
    await vi.waitFor(() => expect(bodies).toHaveLength(3));
    expect(bodies[2].text).toBe('Cliente pagou.');
  });

  it('offers no signature on other channels, nor to an agent without one', () => {
    stubApi({ 'GET /users': () => json(users) });
    const whatsapp = renderComposer(makeTicket({ channel_kind: 'whatsapp' }), { ...me, signature: 'Ana' });
    expect(screen.queryByRole('checkbox', { name: 'Incluir assinatura' })).not.toBeInTheDocument();
    whatsapp.unmount();
    renderComposer(makeTicket({ channel_kind: 'email' }), { ...me, signature: '  ' });
    expect(screen.queryByRole('checkbox', { name: 'Incluir assinatura' })).not.toBeInTheDocument();
  });

  it('says why a closed ticket takes no reply', () => {
    stubApi({ 'GET /users': () => json(users) });
    renderComposer(makeTicket({ status: 'closed' }));
    expect(screen.getByText(/Ticket fechado/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });
});
