import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Channel, Me, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { DashboardSetupSlot } from './dashboard-setup-slot';

const me = (role: Role): Me => ({
  user: { id: 'u1', name: 'Dona Maria', email: 'maria@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 't1', name: 'Padaria', trade_name: null, plan_code: 'starter' },
  signature: '',
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const refused = () => json({ title: 'Acesso negado', status: 403 }, 403);

const webchat: Channel = {
  id: 'ch1',
  kind: 'webchat',
  name: 'Chat do site',
  config: { greeting: 'Olá! Como podemos ajudar?', color: '#2563eb', prechat: false },
  enabled: true,
  public_id: 't1.ch1',
  secrets: [],
  created_at: '2026-01-02T00:00:00Z',
  team_id: null,
};

type Overrides = Partial<Record<string, () => Response>>;

/** A company just signed up; `overrides` answer some paths otherwise. Records the requests. */
function stubApi(overrides: Overrides = {}) {
  const requests: string[] = [];
  const channels: Channel[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? 'GET';
      const path = new URL(url, 'http://x').pathname.replace(/^\/api\/v1/, '');
      requests.push(`${method} ${path}`);
      if (method === 'POST' && path === '/channels') {
        channels.push(webchat);
        return json(webchat, 201);
      }
      const override = overrides[path];
      if (override) return override();
      switch (path) {
        case '/company':
          return json({ id: 't1', name: 'Padaria', cnpj: null, address: null, timezone: 'America/Sao_Paulo', business_hours: [], has_logo: false, plan_code: 'starter', updated_at: '2026-01-01T00:00:00Z' });
        case '/users':
          return json({ items: [me('owner').user], next_cursor: null });
        case '/channels':
          return json(channels);
        case '/products':
        case '/opportunities':
          return json({ items: [], next_cursor: null });
        case '/finance/settings':
          return json({ fine_bp: 200, interest_bp_month: 100, due_in_days: 5, dunning_offsets: [], dunning_enabled: false, email_on_issue: true, pix_key: null });
        case '/finance/gateways':
          return json([]);
        case '/pipelines':
          return json([{ id: 'p1', name: 'Funil de vendas', stages: [], created_at: '2026-01-01T00:00:00Z' }]);
        default:
          return json({ title: 'Não encontrado', status: 404 }, 404);
      }
    }),
  );
  return requests;
}

const renderAs = (role: Role) => renderWithProviders(<DashboardSetupSlot />, { seed: (client) => client.setQueryData(meQueryKey, me(role)) });

const guide = () => screen.findByRole('region', { name: 'Primeiros passos' });
const step = (name: string) => screen.getByRole('listitem', { name });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('DashboardSetupSlot', () => {
  it('shows a new company’s owner the six steps at 0 de 6, each with its page', async () => {
    stubApi();
    renderAs('owner');
    const region = await guide();
    expect(within(region).getByText('0 de 6')).toBeInTheDocument();
    expect(within(region).getByRole('progressbar')).toHaveAttribute('aria-valuetext', '0 de 6 passos concluídos');
    expect(within(region).getAllByRole('img', { name: 'A fazer' })).toHaveLength(6);
    expect(within(step('Cadastrar produtos')).getByRole('link', { name: /Cadastrar produtos/ })).toHaveAttribute('href', '/crm/produtos');
  });

  it('connects the web chat in one click, shows its code and ticks the step', async () => {
    const requests = stubApi();
    renderAs('owner');
    await guide();
    await userEvent.click(within(step('Conectar um canal')).getByRole('button', { name: 'Conectar o chat do site' }));
    expect(await screen.findByLabelText('Código para o site')).toHaveValue(
      `<script src="${window.location.origin}/widget.js" data-channel="t1.ch1" async></script>`,
    );
    await waitFor(() => expect(within(step('Conectar um canal')).getByRole('img', { name: 'Concluído' })).toBeInTheDocument());
    expect(screen.getByText('1 de 6')).toBeInTheDocument();
    expect(requests.filter((r) => r === 'POST /channels')).toHaveLength(1);
  });

  it('keeps working when one of the readings is refused', async () => {
    stubApi({ '/products': refused, '/finance/gateways': refused });
    renderAs('owner');
    await guide();
    expect(within(step('Cadastrar produtos')).getByRole('img', { name: 'Não verificado' })).toBeInTheDocument();
    expect(within(step('Cadastrar produtos')).getByText('Não foi possível verificar este passo agora.')).toBeInTheDocument();
    // The PIX key still answers for the payments step.
    expect(within(step('Configurar PIX ou gateway')).getByRole('img', { name: 'A fazer' })).toBeInTheDocument();
  });

  it('hides for good with "Ocultar guia", per company and user', async () => {
    stubApi();
    const first = renderAs('owner');
    await guide();
    await userEvent.click(screen.getByRole('button', { name: 'Ocultar guia' }));
    expect(screen.queryByRole('region', { name: 'Primeiros passos' })).not.toBeInTheDocument();
    expect(localStorage.getItem('conectcrm.setup-guide.hidden.t1.u1')).toBe('1');
    first.unmount();

    const requests = stubApi();
    renderAs('owner');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('region', { name: 'Primeiros passos' })).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });

  it('is not shown when every step was already done', async () => {
    const requests = stubApi({
      '/company': () => json({ id: 't1', name: 'Padaria', cnpj: '11222333000181', address: { cep: '01310100', street: 'Av. Paulista', number: '1', district: 'Bela Vista', city: 'São Paulo', state: 'SP' }, timezone: 'America/Sao_Paulo', business_hours: [], has_logo: false, plan_code: 'starter', updated_at: '2026-01-01T00:00:00Z' }),
      '/users': () => json({ items: [me('owner').user, { ...me('owner').user, id: 'u2' }], next_cursor: null }),
      '/channels': () => json([webchat]),
      '/products': () => json({ items: [{ id: 'p' }], next_cursor: null }),
      '/finance/gateways': () => json([{ enabled: true }]),
      '/opportunities': () => json({ items: [{ id: 'o' }], next_cursor: null }),
    });
    renderAs('admin');
    await waitFor(() => expect(requests).toContain('GET /opportunities'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('region', { name: /Primeiros passos|Tudo pronto/ })).not.toBeInTheDocument();
  });

  it.each(['manager', 'agent', 'sales', 'finance'] as const)('is not shown to %s, and reads nothing', async (role) => {
    const requests = stubApi();
    renderAs(role);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('region', { name: 'Primeiros passos' })).not.toBeInTheDocument();
    expect(requests).toEqual([]);
  });
});
