import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TeamForm } from './team-form';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const users = {
  items: [
    { id: 'u1', name: 'Ana Agente', email: 'ana@example.com', role: 'agent', active: true, created_at: '2026-01-01T00:00:00Z' },
    { id: 'u2', name: 'Bruno Vendas', email: 'bruno@example.com', role: 'sales', active: true, created_at: '2026-01-01T00:00:00Z' },
  ],
  next_cursor: null,
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TeamForm', () => {
  it('explains a window that closes before it opens and sends nothing', async () => {
    const fetchMock = vi.fn(async (url: string) => (url.startsWith('/api/v1/users') ? json(users) : json({}, 500)));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<TeamForm team={null} onSaved={() => {}} onCancel={() => {}} />);

    await user.type(screen.getByLabelText(/Nome da equipe/), 'Suporte N1');
    await user.click(screen.getByRole('button', { name: 'Segunda a sexta, 8h às 18h' }));
    const hours = screen.getByRole('list', { name: 'Horários' });
    expect(within(hours).getAllByRole('listitem')).toHaveLength(5);

    const opens = screen.getAllByLabelText('das')[0];
    await user.clear(opens);
    await user.type(opens, '19:00');
    await user.click(screen.getByRole('button', { name: 'Criar equipe' }));

    expect(await screen.findByText('A abertura deve ser antes do fechamento (no mesmo dia).')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url]) => url === '/api/v1/teams')).toBe(false);
  });

  it('creates a team with members, capacity and sorted hours', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url.startsWith('/api/v1/users')) return json(users);
        if (url === '/api/v1/teams' && init.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return json({ id: 't1', name: 'Suporte N1', business_hours: [], members: [] }, 201);
        }
        return json([]);
      }),
    );
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<TeamForm team={null} onSaved={onSaved} onCancel={() => {}} />);

    await user.type(screen.getByLabelText(/Nome da equipe/), 'Suporte N1');
    // Only support roles can be members.
    const picker = screen.getByLabelText('Adicionar atendente');
    await vi.waitFor(() => expect(within(picker).getByRole('option', { name: 'Ana Agente' })).toBeInTheDocument());
    expect(within(picker).queryByRole('option', { name: 'Bruno Vendas' })).not.toBeInTheDocument();
    await user.selectOptions(picker, 'u1');
    await user.click(screen.getByRole('button', { name: 'Adicionar' }));
    const capacity = screen.getByLabelText('Capacidade de Ana Agente');
    await user.clear(capacity);
    await user.type(capacity, '5');

    await user.click(screen.getByRole('button', { name: 'Adicionar horário' }));
    await user.selectOptions(screen.getByLabelText('Dia 1'), '6');
    await user.click(screen.getByRole('button', { name: 'Adicionar horário' }));
    await user.selectOptions(screen.getByLabelText('Dia 2'), '1');
    await user.click(screen.getByRole('button', { name: 'Criar equipe' }));

    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(posted[0]).toEqual({
      name: 'Suporte N1',
      members: [{ user_id: 'u1', capacity: 5 }],
      business_hours: [
        { weekday: 1, opens: '08:00', closes: '18:00' },
        { weekday: 6, opens: '08:00', closes: '18:00' },
      ],
    });
  });
});
