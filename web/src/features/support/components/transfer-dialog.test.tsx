import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Me, Team } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeTicket } from '../utils/test-fixtures';

import { TransferDialog } from './transfer-dialog';

const me: Me = {
  user: { id: 'u-me', name: 'Ana Agente', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

const teams: Team[] = [{ id: 'team-fin', name: 'Financeiro', business_hours: [], members: [] }];

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Answers the dialog's lists and records the transfer's body. */
function stubApi() {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const path = url.replace(/^\/api\/v1/, '').split('?')[0];
      if (path === '/users') return json({ items: [me.user], next_cursor: null });
      if (path === '/teams') return json(teams);
      if (path === '/queues') return json([]);
      if (init.method === 'POST' && path === '/tickets/t1/transfer') {
        bodies.push(JSON.parse(String(init.body)));
        return json(makeTicket({ team_id: 'team-fin', team_name: 'Financeiro' }));
      }
      return json({ title: 'não encontrado', status: 404 }, 404);
    }),
  );
  return bodies;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TransferDialog', () => {
  it('carries the conversation’s summary in the note unless the agent unticks it', async () => {
    const bodies = stubApi();
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TransferDialog ticket={makeTicket()} open onClose={onClose} />, { seed: (client) => client.setQueryData(meQueryKey, me) });

    const summary = screen.getByRole('checkbox', { name: 'Incluir resumo da conversa na nota' });
    expect(summary).toBeChecked();
    await user.selectOptions(screen.getByLabelText('Equipe', { exact: false }), await screen.findByRole('option', { name: 'Financeiro' }));
    await user.click(screen.getByRole('button', { name: 'Transferir' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(bodies[0]).toEqual({ team_id: 'team-fin', include_summary: true });

    await user.click(summary);
    await user.type(screen.getByLabelText(/^Nota/), 'Cliente pediu reembolso.');
    await user.click(screen.getByRole('button', { name: 'Transferir' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(2));
    expect(bodies[1]).toEqual({ team_id: 'team-fin', note: 'Cliente pediu reembolso.', include_summary: false });
  });

  it('still asks for someone to transfer to', async () => {
    const bodies = stubApi();
    const user = userEvent.setup();
    renderWithProviders(<TransferDialog ticket={makeTicket()} open onClose={vi.fn()} />, { seed: (client) => client.setQueryData(meQueryKey, me) });
    await user.click(screen.getByRole('button', { name: 'Transferir' }));
    expect(await screen.findByText('Escolha um atendente, uma equipe ou uma fila.')).toBeInTheDocument();
    expect(bodies).toEqual([]);
  });
});
