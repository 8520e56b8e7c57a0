import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me, Message, Opportunity, Pipeline, Proposal } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TicketSales } from './ticket-sales';

const me: Me = {
  user: { id: 'u-me', name: 'Dona Sônia', email: 'sonia@example.com', role: 'owner', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'co1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

const ticket = { id: 't1', subject: 'Quero um orçamento', customer_id: 'c1', customer_name: 'Maria Silva' };

const pipeline: Pipeline = {
  id: 'p1',
  name: 'Funil de vendas',
  created_at: '2026-01-01T00:00:00Z',
  stages: [
    { id: 's1', name: 'Novo', kind: 'open', position: 0, probability: 10 },
    { id: 's2', name: 'Proposta', kind: 'open', position: 1, probability: 50 },
    { id: 's3', name: 'Ganho', kind: 'won', position: 2, probability: 100 },
  ],
};

function makeDeal(overrides: Partial<Opportunity> = {}): Opportunity {
  return {
    id: 'o1',
    customer_id: 'c1',
    customer_name: 'Maria Silva',
    pipeline_id: 'p1',
    stage_id: 's2',
    status: 'open',
    title: 'Implantação na loja',
    value_cents: 500_000,
    currency: 'BRL',
    position: 1,
    stage_entered_at: '2026-11-03T12:00:00Z',
    version: 1,
    created_at: '2026-11-03T12:00:00Z',
    ticket_id: 't1',
    ...overrides,
  };
}

function makeProposal(overrides: Partial<Proposal> = {}): Proposal {
  return {
    id: 'pr2',
    number: 2,
    customer_id: 'c1',
    customer_name: 'Maria Silva',
    opportunity_id: 'o1',
    title: 'Implantação e suporte',
    status: 'draft',
    revision: 1,
    valid_until: '2026-12-31',
    terms: '',
    items: [],
    discount_bp: 0,
    subtotal_cents: 123_456,
    discount_cents: 0,
    total_cents: 123_456,
    one_time_cents: 123_456,
    recurring_cents: 0,
    recurrence: 'one_time',
    currency: 'BRL',
    version: 1,
    created_at: '2026-11-03T12:00:00Z',
    ticket_id: 't1',
    ...overrides,
  };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  new Response(JSON.stringify({ type: 'about:blank', title: detail, status, detail, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

type Handler = (url: string, init: RequestInit) => Response | undefined;

/** Answers the block's reads (the given deals and proposals) and hands every other call to `handle`. */
function stubApi({ deals = [], proposals = [], handle }: { deals?: Opportunity[]; proposals?: Proposal[]; handle?: Handler }) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null });
    const handled = handle?.(url, init);
    if (handled) return handled;
    if (method === 'GET' && url.startsWith('/api/v1/opportunities?')) return json({ items: deals, next_cursor: null });
    if (method === 'GET' && url.startsWith('/api/v1/proposals?')) return json({ items: proposals, next_cursor: null });
    if (url === '/api/v1/pipelines') return json([pipeline]);
    if (url.startsWith('/api/v1/users')) return json({ items: [me.user], next_cursor: null });
    return problem(404, 'Não encontrado.');
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const render = (onSentInChat?: (message: Message) => void, invoices?: React.ReactNode) =>
  renderWithProviders(<TicketSales ticket={ticket} onSentInChat={onSentInChat} invoices={invoices} />, {
    seed: (client) => client.setQueryData(meQueryKey, me),
  });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

/** The server's 409 on WhatsApp past the 24-hour window when the channel names no approved template. */
const WINDOW_CLOSED =
  'Passaram-se mais de 24 horas desde a última mensagem do cliente: o WhatsApp só permite um modelo aprovado. ' +
  'Cadastre o modelo aprovado para propostas no canal (Configurações → Canais) ou envie um modelo pedindo que ele responda.';

describe('TicketSales', () => {
  it("lists the conversation's deals and proposals with links, stage, status in Portuguese and BRL amounts", async () => {
    const calls = stubApi({
      deals: [makeDeal(), makeDeal({ id: 'o2', title: 'Renovação anual', stage_id: 's3', status: 'won', value_cents: 99_900 })],
      proposals: [makeProposal({ id: 'pr1', number: 1, title: 'Primeira versão', status: 'accepted' }), makeProposal()],
    });
    render();

    const block = await screen.findByRole('region', { name: 'Vendas' });
    const deals = await within(block).findByRole('list', { name: 'Oportunidades desta conversa' });
    const deal = within(deals).getByRole('link', { name: 'Implantação na loja' });
    expect(deal).toHaveAttribute('href', '/crm/oportunidades?funil=p1&oportunidade=o1');
    expect(within(deals).getByText(/R\$\s5\.000,00/)).toBeInTheDocument();
    expect(await within(deals).findByText('Proposta')).toBeInTheDocument();
    expect(within(deals).getByText('Em aberto')).toBeInTheDocument();
    // A won deal is in the stage "Ganho": said once.
    expect(within(deals).getAllByText('Ganho')).toHaveLength(1);
    expect(within(deals).getByText(/R\$\s999,00/)).toBeInTheDocument();

    const proposals = await within(block).findByRole('list', { name: 'Propostas desta conversa' });
    const rows = within(proposals).getAllByRole('listitem');
    // Newest first.
    expect(within(rows[0]).getByRole('link', { name: 'PROP-0002' })).toHaveAttribute('href', '/crm/propostas/pr2');
    expect(within(rows[0]).getByText('Rascunho')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/R\$\s1\.234,56/)).toBeInTheDocument();
    expect(within(rows[0]).getByRole('button', { name: 'Enviar no chat' })).toBeInTheDocument();
    // An accepted proposal is not sent again.
    expect(within(rows[1]).getByText('Aceita')).toBeInTheDocument();
    expect(within(rows[1]).queryByRole('button', { name: 'Enviar no chat' })).not.toBeInTheDocument();

    // One open deal: the new proposal is for it, and for this conversation.
    const href = within(block).getByRole('link', { name: 'Nova proposta' }).getAttribute('href') ?? '';
    const params = new URL(href, 'http://x').searchParams;
    expect(href.startsWith('/crm/propostas/nova?')).toBe(true);
    expect([params.get('customer_id'), params.get('opportunity_id'), params.get('ticket_id')]).toEqual(['c1', 'o1', 't1']);

    expect(calls.filter((c) => c.method === 'GET').map((c) => c.url)).toEqual(
      expect.arrayContaining(['/api/v1/opportunities?ticket_id=t1&limit=50', '/api/v1/proposals?ticket_id=t1&limit=50']),
    );
  });

  it('shows what the app layer adds (the open invoices) in the block, below the proposals', async () => {
    stubApi({ proposals: [makeProposal()] });
    render(undefined, <ul aria-label="Faturas em aberto" />);

    const block = await screen.findByRole('region', { name: 'Vendas' });
    const invoices = within(block).getByRole('list', { name: 'Faturas em aberto' });
    const proposals = await within(block).findByRole('list', { name: 'Propostas desta conversa' });
    expect(proposals.compareDocumentPosition(invoices) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says when the conversation has no deal or proposal, and creates a deal from it with field errors on their fields', async () => {
    let created = false;
    const calls = stubApi({
      handle: (url, init) => {
        if (init.method !== 'POST' || url !== '/api/v1/opportunities') return undefined;
        const body = JSON.parse(String(init.body)) as { value_cents: number };
        if (body.value_cents === 0) return problem(422, 'Alguns dados são inválidos.', [{ field: 'value_cents', message: 'Informe o valor.' }]);
        created = true;
        return json(makeDeal({ title: 'Quero um orçamento', value_cents: 150_000 }), 201);
      },
    });
    const user = userEvent.setup();
    render();

    const block = await screen.findByRole('region', { name: 'Vendas' });
    expect(await within(block).findByText('Nenhuma oportunidade criada nesta conversa.')).toBeInTheDocument();
    expect(await within(block).findByText(/Nenhuma proposta nesta conversa/)).toBeInTheDocument();
    // No open deal: the proposal names only the customer and the conversation.
    expect(within(block).getByRole('link', { name: 'Nova proposta' })).toHaveAttribute('href', '/crm/propostas/nova?customer_id=c1&ticket_id=t1');

    const create = within(block).getByRole('button', { name: 'Criar oportunidade' });
    await vi.waitFor(() => expect(create).toBeEnabled());
    await user.click(create);
    const dialog = await screen.findByRole('dialog', { name: 'Nova oportunidade' });
    expect(within(dialog).getByText('Maria Silva')).toBeInTheDocument();
    expect(within(dialog).queryByRole('combobox', { name: 'Cliente' })).not.toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Título/)).toHaveValue('Quero um orçamento');
    expect(within(dialog).getByLabelText('Funil')).toHaveValue('p1');

    await user.click(within(dialog).getByRole('button', { name: 'Criar oportunidade' }));
    const value = within(dialog).getByLabelText('Valor');
    expect(await within(dialog).findByText('Informe o valor.')).toBeInTheDocument();
    expect(value).toHaveAttribute('aria-invalid', 'true');

    await user.type(value, '1.500,00');
    await user.click(within(dialog).getByRole('button', { name: 'Criar oportunidade' }));
    await vi.waitFor(() => expect(created).toBe(true));
    const posted = calls.filter((c) => c.method === 'POST').map((c) => c.body);
    expect(posted.at(-1)).toMatchObject({ customer_id: 'c1', pipeline_id: 'p1', title: 'Quero um orçamento', value_cents: 150_000, ticket_id: 't1' });
    // The list is read again.
    await vi.waitFor(() => expect(calls.filter((c) => c.url.startsWith('/api/v1/opportunities?')).length).toBeGreaterThan(1));
  });

  it('sends a proposal into the chat and hands the message over; a refusal shows the reason', async () => {
    const message = { id: 'm9', ticket_id: 't1', text: 'Proposta PROP-0002' } as Message;
    const answers = [
      problem(409, WINDOW_CLOSED),
      problem(422, 'Alguns dados são inválidos.', [{ field: 'valid_until', message: 'A validade já passou: ajuste a data antes de enviar.' }]),
      json(message, 201),
    ];
    const calls = stubApi({
      proposals: [makeProposal()],
      handle: (url, init) => (init.method === 'POST' && url === '/api/v1/tickets/t1/proposals' ? answers.shift() : undefined),
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    render(onSent);

    const block = await screen.findByRole('region', { name: 'Vendas' });
    const send = await within(block).findByRole('button', { name: 'Enviar no chat' });
    expect(send).toHaveAccessibleDescription('PROP-0002');

    await user.click(send);
    // The whole reason, and nothing that looks sent.
    expect(await within(block).findByRole('alert')).toHaveTextContent(WINDOW_CLOSED);
    expect(within(block).queryByText(/enviada na conversa/)).not.toBeInTheDocument();
    expect(onSent).not.toHaveBeenCalled();
    expect(send).toBeEnabled();
    await user.click(send);
    await vi.waitFor(() => expect(within(block).getByRole('alert')).toHaveTextContent('A validade já passou: ajuste a data antes de enviar.'));
    await user.click(send);
    expect(await within(block).findByText('PROP-0002 enviada na conversa.')).toBeInTheDocument();
    expect(onSent).toHaveBeenCalledWith(message);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { proposal_id: 'pr2' },
      { proposal_id: 'pr2' },
      { proposal_id: 'pr2' },
    ]);
  });

  it('asks before sending again a proposal the customer already has (its old link stops working)', async () => {
    const calls = stubApi({
      proposals: [makeProposal({ status: 'viewed' })],
      handle: (_url, init) => (init.method === 'POST' ? json({ id: 'm9', ticket_id: 't1' }, 201) : undefined),
    });
    const user = userEvent.setup();
    render();

    const block = await screen.findByRole('region', { name: 'Vendas' });
    await user.click(await within(block).findByRole('button', { name: 'Enviar no chat' }));
    const confirm = await screen.findByRole('dialog', { name: 'Enviar PROP-0002 no chat?' });
    expect(within(confirm).getByText(/deixa de funcionar/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.click(within(confirm).getByRole('button', { name: 'Enviar no chat' }));
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  });
});
