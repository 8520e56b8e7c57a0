import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Flow } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeFlow, makeRun } from '../utils/test-fixtures';

import { TicketAutomations } from './ticket-automations';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const flow = (id: string, name: string, patch: Partial<Flow> = {}) => makeFlow({ id, name, ...patch });

const failed = makeRun({
  flow_version: 2,
  status: 'failed',
  error: 'Fora da janela de 24 horas e sem modelo.',
  steps: [{ step: 'actions[0]', label: 'reply', outcome: 'failed', detail: 'Fora da janela de 24 horas e sem modelo.' }],
});

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TicketAutomations', () => {
  it('offers only active button flows, runs one on the ticket and repeats a failed run', async () => {
    const posted: { url: string; body: unknown }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (init.method === 'POST') {
          posted.push({ url, body: init.body ? JSON.parse(String(init.body)) : null });
          return new Response(null, { status: 202 });
        }
        if (url === '/api/v1/automation/flows')
          return json([
            flow('f1', 'Marcar VIP'),
            flow('f2', 'Rascunho de botão', { status: 'draft' }),
            flow('f3', 'Urgentes', { trigger_kind: 'TicketCreated' }),
          ]);
        if (url.startsWith('/api/v1/automation/runs?')) return json({ items: [failed], next_cursor: null });
        return json({}, 404);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TicketAutomations ticketId="t1" />);

    const block = await screen.findByRole('region', { name: 'Automações' });
    await user.click(await within(block).findByRole('button', { name: 'Executar: Marcar VIP' }));
    expect(within(block).queryByRole('button', { name: /Rascunho de botão|Urgentes/ })).not.toBeInTheDocument();
    expect(await within(block).findByText(/Pedido enviado/)).toBeInTheDocument();

    const history = within(block).getByRole('list', { name: 'Execuções de automações neste ticket' });
    expect(within(history).getByText('Marcar VIP')).toBeInTheDocument();
    expect(within(history).getByText(/Falhou/)).toBeInTheDocument();
    await user.click(within(history).getByRole('button', { name: 'Repetir' }));

    expect(posted).toEqual([
      { url: '/api/v1/automation/flows/f1/run', body: { ticket_id: 't1' } },
      { url: '/api/v1/automation/runs/r1/retry', body: null },
    ]);
  });

  it('says so when there is no button flow and nothing ran', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/v1/automation/flows' ? json([]) : json({ items: [], next_cursor: null }))),
    );
    renderWithProviders(<TicketAutomations ticketId="t1" />);
    expect(await screen.findByText(/Nenhum fluxo de botão ativo/)).toBeInTheDocument();
    expect(await screen.findByText('Nenhuma automação rodou neste ticket ainda.')).toBeInTheDocument();
  });
});
