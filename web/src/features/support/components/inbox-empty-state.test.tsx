import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Channel, Me, Role, ViewCounts } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { InboxEmptyState } from './inbox-empty-state';

const me = (role: Role): Me => ({
  user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 't1', name: 'ACME', trade_name: null, plan_code: 'starter' },
  signature: '',
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const webchat: Channel = {
  id: 'ch1',
  kind: 'webchat',
  name: 'Chat do site',
  config: {},
  enabled: true,
  public_id: 't1.ch1',
  secrets: [],
  created_at: '2026-01-02T00:00:00Z',
  team_id: null,
};

const zero: ViewCounts = { mine: 0, unassigned: 0, my_teams: 0, all: 0, unread: 0 };

const renderAs = (role: Role, ui: React.ReactElement) => renderWithProviders(ui, { seed: (client) => client.setQueryData(meQueryKey, me(role)) });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('InboxEmptyState', () => {
  it('without a channel, offers whoever configures support the web chat in one click, and keeps its code on screen', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => (init.method === 'POST' && url.endsWith('/channels') ? json(webchat, 201) : json([]))),
    );
    // The inbox passes the refreshed channels after the creation.
    function Inbox() {
      const [channels, setChannels] = useState<Channel[]>([]);
      return (
        <>
          <InboxEmptyState view="all" channels={channels} counts={zero} />
          <button type="button" onClick={() => setChannels([webchat])}>
            refresh
          </button>
        </>
      );
    }
    renderAs('manager', <Inbox />);
    expect(screen.getByText('Nenhum canal conectado ainda.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ver todos os canais' })).toHaveAttribute('href', '/atendimento/configuracoes/canais');
    await userEvent.click(screen.getByRole('button', { name: 'Conectar o chat do site' }));
    expect(((await screen.findByLabelText('Código para o site')) as HTMLTextAreaElement).value).toContain('data-channel="t1.ch1"');
    await userEvent.click(screen.getByRole('button', { name: 'refresh' }));
    expect(screen.getByText('Nenhuma conversa em aberto.')).toBeInTheDocument();
    expect(screen.getByLabelText('Código para o site')).toBeInTheDocument();
  });

  it('without a channel, tells an agent who can connect one', () => {
    renderAs('agent', <InboxEmptyState view="mine" channels={[]} counts={zero} />);
    expect(screen.getByText('Nenhum canal conectado ainda.')).toBeInTheDocument();
    expect(screen.getByText(/Peça a um gerente ou administrador/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Conectar o chat do site' })).not.toBeInTheDocument();
  });

  it('with channels and nothing open anywhere, says so plainly', () => {
    renderAs('agent', <InboxEmptyState view="mine" channels={[webchat]} counts={zero} />);
    expect(screen.getByText('Nenhuma conversa em aberto.')).toBeInTheDocument();
    expect(screen.getByText(/Quando um cliente escrever/)).toBeInTheDocument();
  });

  it('with open tickets in other views, says what this view lacks', () => {
    renderAs('agent', <InboxEmptyState view="mine" channels={[webchat]} counts={{ ...zero, unassigned: 2, all: 2 }} />);
    expect(screen.getByText('Nenhum ticket com você. Veja "Sem responsável" para assumir um.')).toBeInTheDocument();
  });

  it('while the channels are loading, suggests nothing', () => {
    renderAs('owner', <InboxEmptyState view="all" />);
    expect(screen.getByText('Nenhum ticket por aqui.')).toBeInTheDocument();
    expect(screen.queryByText('Nenhum canal conectado ainda.')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Conectar o chat do site' })).not.toBeInTheDocument();
  });
});
