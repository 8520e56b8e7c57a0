import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeMessage, makeTicket } from '../utils/test-fixtures';

import { Inbox } from './inbox';

const me: Me = {
  user: { id: 'u-me', name: 'Ana Agente', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const tickets = [
  makeTicket({ id: 't1', number: 1001, customer_name: 'Maria Silva', unread: 2, sla_status: 'breached' }),
  makeTicket({ id: 't2', number: 1002, customer_name: 'João Souza', channel_kind: 'email', subject: 'Nota fiscal', intent: 'cancelar', sentiment: 'very_negative' }),
];

function Where() {
  const location = useLocation();
  return <output aria-label="endereço">{location.pathname + location.search}</output>;
}

function renderInbox(route: string) {
  const requests: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      requests.push(`${init.method ?? 'GET'} ${url}`);
      const path = url.replace(/^\/api\/v1/, '').split('?')[0];
      if (path === '/tickets') return json({ items: tickets, next_cursor: null });
      if (path === '/tickets/counts') return json({ mine: 3, unassigned: 1, my_teams: 4, all: 9, unread: 2 });
      if (path === '/channels' || path === '/teams' || path === '/queues' || path === '/canned-responses') return json([]);
      if (path === '/users') return json({ items: [me.user], next_cursor: null });
      if (path.startsWith('/tickets/') && path.endsWith('/messages')) return json({ items: [makeMessage({ ticket_id: 't1' })], next_cursor: null });
      if (path.endsWith('/read')) return new Response(null, { status: 204 });
      if (path.endsWith('/triage')) return json([]);
      const ticket = tickets.find((item) => path === `/tickets/${item.id}`);
      if (ticket) return json(ticket);
      return json({ title: 'Não encontrado', status: 404 }, 404);
    }),
  );
  const ui = (
    <>
      <Routes>
        <Route path="/atendimento" element={<InboxAt />} />
        <Route path="/atendimento/:ticketId" element={<InboxAt />} />
      </Routes>
      <Where />
    </>
  );
  renderWithProviders(ui, { route, seed: (client) => client.setQueryData(meQueryKey, me) });
  return requests;
}

function InboxAt() {
  const { pathname } = useLocation();
  const id = pathname.split('/')[2];
  return <Inbox ticketId={id} />;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('Inbox', () => {
  it('lists the view’s tickets with counts, unread and SLA badges', async () => {
    const requests = renderInbox('/atendimento?visao=all');
    const list = await screen.findByRole('list', { name: 'Tickets' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByText('Maria Silva')).toBeInTheDocument();
    expect(within(items[0]).getByText('2 mensagens não lidas')).toBeInTheDocument();
    expect(within(items[0]).getByText('SLA estourado')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: /Todos\s*9 em aberto/ })).toHaveAttribute('aria-pressed', 'true');
    expect(requests).toContain('GET /api/v1/tickets?view=all&limit=50');
  });

  it('marks unhappy customers and filters by intent and sentiment through the URL', async () => {
    const user = userEvent.setup();
    const requests = renderInbox('/atendimento?visao=all&sentimento=negative');
    const list = await screen.findByRole('list', { name: 'Tickets' });
    const [calm, unhappy] = within(list).getAllByRole('listitem');
    expect(within(unhappy).getByRole('img', { name: 'Sentimento: muito negativo' })).toHaveAttribute('title', 'Sentimento: muito negativo');
    expect(within(calm).queryByRole('img', { name: /Sentimento/ })).not.toBeInTheDocument();
    expect(requests).toContain('GET /api/v1/tickets?view=all&sentiment=negative&limit=50');

    // The URL's filters open the panel with them selected.
    expect(screen.getByLabelText('Sentimento')).toHaveValue('negative');
    await user.selectOptions(screen.getByLabelText('Intenção'), 'Cancelar');
    expect(screen.getByLabelText('endereço')).toHaveTextContent('/atendimento?visao=all&sentimento=negative&intencao=cancelar');
    await vi.waitFor(() => expect(requests).toContain('GET /api/v1/tickets?view=all&intent=cancelar&sentiment=negative&limit=50'));
  });

  it('moves through tickets with j and k, but not while typing', async () => {
    const user = userEvent.setup();
    renderInbox('/atendimento?visao=all');
    await screen.findByRole('list', { name: 'Tickets' });

    await user.keyboard('j');
    expect(screen.getByLabelText('endereço')).toHaveTextContent(/^\/atendimento\/t1\?visao=all/);
    await user.keyboard('j');
    expect(screen.getByLabelText('endereço')).toHaveTextContent(/^\/atendimento\/t2\?/);
    await user.keyboard('k');
    expect(screen.getByLabelText('endereço')).toHaveTextContent(/^\/atendimento\/t1\?/);

    await user.type(screen.getByLabelText('Buscar tickets'), 'j');
    expect(screen.getByLabelText('endereço')).toHaveTextContent(/^\/atendimento\/t1\?/);
  });

  it('opens the shortcuts with ?', async () => {
    const user = userEvent.setup();
    renderInbox('/atendimento');
    await screen.findByRole('list', { name: 'Tickets' });
    await user.keyboard('?');
    expect(await screen.findByRole('heading', { name: 'Atalhos de teclado' })).toBeInTheDocument();
  });

  it('opens a ticket, marks it read and shows its conversation header', async () => {
    const requests = renderInbox('/atendimento/t1?visao=all');
    expect(await screen.findByRole('heading', { name: /#1001/ })).toBeInTheDocument();
    await vi.waitFor(() => expect(requests).toContain('POST /api/v1/tickets/t1/read'));
    expect(screen.getByRole('link', { name: /Maria Silva/, current: 'page' })).toBeInTheDocument();
  });
});
