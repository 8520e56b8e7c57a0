import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AgentBoard, DashboardRange, FinanceDashboard, Me, Role, SalesDashboard, SupportDashboard } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { invalidateDashboard } from '../api/live-updates';

import { Dashboard } from './dashboard';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function me(role: Role): Me {
  return {
    user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
    company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
    signature: '',
  };
}

const range = (period: DashboardRange['period'] = '30d'): DashboardRange => ({
  period,
  from: '2026-11-08',
  to: '2026-12-07',
  previous_from: '2026-10-09',
  previous_to: '2026-11-07',
});

const none = { count: 0, median_secs: null, p90_secs: null, previous_count: 0, previous_median_secs: null, previous_p90_secs: null };

function support(opened: number, scope: SupportDashboard['scope'] = 'company'): SupportDashboard {
  return {
    range: range(),
    scope,
    opened: { current: opened, previous: 2 },
    resolved: { current: 0, previous: 0 },
    first_response: { ...none, count: 3, median_secs: 12 * 60, p90_secs: 3 * 3600 + 20 * 60, previous_count: 2, previous_median_secs: 6 * 60 },
    resolution: none,
    sla: { yes: 0, total: 0, previous_yes: 0, previous_total: 0 },
    csat: { responses: 0, average: null, previous_responses: 0, previous_average: null, distribution: [0, 0, 0, 0, 0] },
    by_channel: opened ? [{ key: 'webchat', label: 'Chat do site', count: opened, total: 0 }] : [],
    by_category: [],
    by_sentiment: [],
    backlog: opened ? [{ team_id: null, team: null, open: opened }] : [],
    daily: [{ day: '2026-12-07', opened, resolved: 0 }],
  };
}

const sales: SalesDashboard = {
  range: range(),
  scope: 'company',
  pipeline: [],
  open_value_cents: 0,
  weighted_cents: 0,
  created: { current: 0, previous: 0 },
  created_cents: { current: 0, previous: 0 },
  from_chat: { current: 0, previous: 0 },
  conversations: { current: 3, previous: 2 },
  won: { current: 0, previous: 0 },
  won_cents: { current: 0, previous: 0 },
  lost: { current: 0, previous: 0 },
  win_rate: { yes: 0, total: 0, previous_yes: 0, previous_total: 0 },
  average_cycle_days: null,
  previous_average_cycle_days: null,
  proposals_sent: { current: 0, previous: 0 },
  proposals_viewed: { current: 0, previous: 0 },
  proposals_accepted: { current: 0, previous: 0 },
  daily: [{ day: '2026-12-07', created: 0, won: 0, won_cents: 0 }],
};

const finance: FinanceDashboard = {
  range: range(),
  currency: 'BRL',
  received_cents: { current: 123_456, previous: 100_000 },
  received_by_method: [],
  issued_cents: { current: 0, previous: 0 },
  issued: { current: 0, previous: 0 },
  overdue: [
    { key: '1_30', label: '1 a 30 dias', count: 1, cents: 19_990 },
    { key: '31_60', label: '31 a 60 dias', count: 0, cents: 0 },
    { key: '61_90', label: '61 a 90 dias', count: 0, cents: 0 },
    { key: 'over_90', label: 'mais de 90 dias', count: 0, cents: 0 },
  ],
  mrr_cents: 0,
  arr_cents: 0,
  active_subscriptions: 0,
  churned_subscriptions: 0,
  churned_mrr_cents: 0,
  churn_rate: null,
  forecast_30_days_cents: 0,
  daily: [{ day: '2026-12-07', received_cents: 123_456, issued_cents: 0 }],
};

const board: AgentBoard = {
  range: range(),
  agents: [{ user_id: 'u2', name: 'Caio', resolved: 4, first_responses: 5, first_response_median_secs: 300, csat_responses: 2, csat_average: 4.5 }],
};

function stubApi(opened = () => 3, scope: SupportDashboard['scope'] = 'company') {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      const path = new URL(url, 'http://x').pathname;
      if (path.endsWith('/dashboard/support')) return json(support(opened(), scope));
      if (path.endsWith('/dashboard/sales')) return json(sales);
      if (path.endsWith('/dashboard/finance')) return json(finance);
      if (path.endsWith('/dashboard/agents')) return json(board);
      return json({ title: 'not found', status: 404 }, 404);
    }),
  );
  return urls;
}

const renderAs = (role: Role, route = '/dashboard') =>
  renderWithProviders(<Dashboard />, { route, seed: (client) => client.setQueryData(meQueryKey, me(role)) });

const area = (name: string) => screen.getByRole('region', { name });
const kpiValue = (scope: HTMLElement, name: string) => within(within(scope).getByRole('group', { name })).getByText((_, el) => el?.hasAttribute('data-kpi-value') ?? false);

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('Dashboard', () => {
  it('shows an owner every area, the last 30 days by default', async () => {
    const urls = stubApi();
    renderAs('owner');
    const supportArea = await screen.findByRole('region', { name: 'Atendimento' });
    await waitFor(() => expect(kpiValue(supportArea, 'Novas conversas')).toHaveTextContent('3'));
    const opened = within(supportArea).getByRole('group', { name: 'Novas conversas' });
    expect(opened).toHaveTextContent('Antes: 2');
    expect(within(opened).getByText('Alta de 50% em relação ao período anterior')).toBeInTheDocument();
    expect(within(opened).getByRole('link')).toHaveAttribute('href', '/atendimento?visao=all&situacao=any');
    const first = within(supportArea).getByRole('group', { name: 'Primeira resposta (mediana)' });
    expect(first).toHaveTextContent('12 min');
    expect(first).toHaveTextContent('90% em até 3 h 20 min');
    // A slower first response is bad news.
    expect(within(first).getByText('▲ 100%').parentElement).toHaveClass('text-red-800');

    for (const name of ['Equipe', 'Vendas', 'Financeiro']) expect(await screen.findByRole('region', { name })).toBeInTheDocument();
    await waitFor(() => expect(kpiValue(area('Financeiro'), 'Recebido')).toHaveTextContent(/R\$\s1\.234,56/));
    expect(within(area('Financeiro')).getByRole('group', { name: 'Em atraso agora' }).querySelector('a')).toHaveAttribute(
      'href',
      '/financeiro/faturas?situacao=overdue',
    );
    expect(await screen.findByRole('rowheader', { name: 'Caio' })).toBeInTheDocument();
    expect(within(area('Vendas')).getByText('Nenhuma oportunidade em aberto.')).toBeInTheDocument();
    expect(urls.filter((url) => url.includes('/dashboard/')).every((url) => url.endsWith('?period=30d'))).toBe(true);
  });

  it('shows an agent only their own support numbers', async () => {
    const urls = stubApi(() => 1, 'own');
    renderAs('agent');
    const supportArea = await screen.findByRole('region', { name: 'Atendimento' });
    expect(await within(supportArea).findByText('Seus números')).toBeInTheDocument();
    expect(within(supportArea).getByRole('region', { name: 'Seus indicadores de atendimento' })).toBeInTheDocument();
    expect(within(within(supportArea).getByRole('group', { name: 'Novas conversas' })).getByRole('link')).toHaveAttribute(
      'href',
      '/atendimento?visao=mine&situacao=any',
    );
    for (const name of ['Equipe', 'Vendas', 'Financeiro']) expect(screen.queryByRole('region', { name })).not.toBeInTheDocument();
    expect(urls.some((url) => /\/dashboard\/(sales|finance|agents)/.test(url))).toBe(false);
  });

  it('shows finance only Financeiro', async () => {
    stubApi();
    renderAs('finance');
    expect(await screen.findByRole('region', { name: 'Financeiro' })).toBeInTheDocument();
    for (const name of ['Atendimento', 'Equipe', 'Vendas']) expect(screen.queryByRole('region', { name })).not.toBeInTheDocument();
  });

  it('says so when the period has no conversation', async () => {
    stubApi(() => 0);
    renderAs('manager');
    const supportArea = await screen.findByRole('region', { name: 'Atendimento' });
    expect(await within(supportArea).findAllByText('Nenhuma conversa neste período.')).toHaveLength(4);
    expect(within(supportArea).getByText('Nenhuma conversa em aberto.')).toBeInTheDocument();
  });

  it('asks again for the period chosen, and waits for both dates of a custom one', async () => {
    const urls = stubApi();
    renderAs('agent', '/dashboard?periodo=quarter');
    await screen.findByRole('region', { name: 'Atendimento' });
    await waitFor(() => expect(urls.at(-1)).toMatch(/\/dashboard\/support\?period=quarter$/));
    const picker = screen.getByRole('group', { name: 'Período' });
    expect(within(picker).getByRole('button', { name: 'Trimestre' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(within(picker).getByRole('button', { name: '7 dias' }));
    await waitFor(() => expect(urls.at(-1)).toMatch(/period=7d$/));

    await userEvent.click(within(picker).getByRole('button', { name: 'Personalizado' }));
    await waitFor(() => expect(urls.at(-1)).toMatch(/period=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/));
    const asked = urls.length;
    await userEvent.clear(screen.getByLabelText('De'));
    expect(await screen.findByText('Escolha as datas inicial e final do período.')).toBeInTheDocument();
    expect(urls.length).toBe(asked);
  });

  it('reads a section again when the server says its numbers changed', async () => {
    let opened = 1;
    stubApi(() => opened);
    const { queryClient } = renderAs('owner');
    const supportArea = await screen.findByRole('region', { name: 'Atendimento' });
    await waitFor(() => expect(kpiValue(supportArea, 'Novas conversas')).toHaveTextContent('1'));
    opened = 2;
    invalidateDashboard(queryClient, ['support']);
    await waitFor(() => expect(kpiValue(supportArea, 'Novas conversas')).toHaveTextContent('2'));
  });

  it('exports a widget as CSV', async () => {
    stubApi();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:csv';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    renderAs('owner');
    const supportArea = await screen.findByRole('region', { name: 'Atendimento' });
    await userEvent.click(await within(supportArea).findByRole('button', { name: 'Exportar CSV de Por canal' }));
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0].arrayBuffer())).toBe('\uFEFFCanal;Conversas\r\nChat do site;3\r\n');
  });
});

describe('the live signal', () => {
  it('refreshes the named sections, support with the team board', () => {
    const invalidateQueries = vi.fn();
    invalidateDashboard({ invalidateQueries } as never, ['support']);
    expect(invalidateQueries.mock.calls.map(([filter]) => filter.queryKey)).toEqual([
      ['dashboard', 'support'],
      ['dashboard', 'agents'],
    ]);
    invalidateQueries.mockClear();
    invalidateDashboard({ invalidateQueries } as never, ['finance', 'something-new']);
    expect(invalidateQueries.mock.calls.map(([filter]) => filter.queryKey)).toEqual([['dashboard']]);
  });
});
