import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me, TriageRule } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { ticketTriageQueryKey } from '../api/query-keys';
import { makeTicket } from '../utils/test-fixtures';

import { TicketHeader } from './ticket-header';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const me: Me = {
  user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'pro' },
  signature: '',
};

const rule = (category: string | null, position: number): TriageRule => ({ id: `r${position}`, position, keywords: ['boleto'], category, priority: null, team_id: null });

function renderHeader() {
  const ticket = makeTicket({ id: 't1', category: null });
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    if (url === '/api/v1/triage-rules') return json([rule('cobrança', 0), rule(null, 1), rule('Suporte técnico', 2)]);
    if (url === '/api/v1/tickets/t1' && init?.method === 'PATCH') return json({ ...ticket, ...JSON.parse(String(init.body)), version: 2 });
    return json([]);
  });
  vi.stubGlobal('fetch', fetchMock);
  const rendered = renderWithProviders(<TicketHeader ticket={ticket} backHref="/atendimento" customerOpen={false} onToggleCustomer={() => {}} />, {
    seed: (client) => {
      client.setQueryData(meQueryKey, me);
      client.setQueryData(ticketTriageQueryKey('t1'), []);
    },
  });
  return { fetchMock, ...rendered };
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('the ticket’s category in its header', () => {
  it('offers the rules’ categories, saves a typed one with the company’s spelling, and refreshes the triage', async () => {
    const { fetchMock, queryClient } = renderHeader();
    const user = userEvent.setup();
    const field = screen.getByRole('combobox', { name: 'Categoria' });
    expect(field).toHaveAttribute('placeholder', 'Sem categoria');
    await vi.waitFor(() => expect(document.querySelectorAll('datalist option')).toHaveLength(2));
    expect([...document.querySelectorAll('datalist option')].map((option) => option.getAttribute('value'))).toEqual(['cobrança', 'Suporte técnico']);

    // Nothing to save until something is typed.
    expect(screen.queryByRole('button', { name: 'Salvar categoria' })).not.toBeInTheDocument();
    await user.type(field, 'COBRANCA{Enter}');

    await vi.waitFor(() => expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'PATCH')).toBe(true));
    const [, init] = fetchMock.mock.calls.find(([, request]) => request?.method === 'PATCH') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ category: 'cobrança' });
    // The first triage is now marked corrected on the server: the panel reads it again.
    await vi.waitFor(() => expect(queryClient.getQueryState(ticketTriageQueryKey('t1'))?.isInvalidated).toBe(true));
  });

  it('puts back the saved category on Escape', async () => {
    renderHeader();
    const user = userEvent.setup();
    const field = screen.getByRole('combobox', { name: 'Categoria' });
    await user.type(field, 'instalação');
    expect(screen.getByRole('button', { name: 'Salvar categoria' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(field).toHaveValue('');
    expect(screen.queryByRole('button', { name: 'Salvar categoria' })).not.toBeInTheDocument();
  });
});

describe('the ticket’s subject in its header', () => {
  it('wraps to two lines instead of cutting to a few characters, the whole subject in its tooltip', () => {
    renderHeader();
    const title = screen.getByRole('heading', { level: 2, name: /^#\d+/ });
    expect(title).toHaveClass('line-clamp-2');
    expect(title).not.toHaveClass('truncate');
    expect(title).toHaveAttribute('title', title.textContent?.replace(/^#\d+ /, ''));
  });
});
