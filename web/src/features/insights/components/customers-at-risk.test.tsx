import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CustomerRisk, Me, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { CustomersAtRisk } from './customers-at-risk';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function me(role: Role): Me {
  return {
    user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
    company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
    signature: '',
  };
}

const risk = (id: string, name: string, score: number, level: CustomerRisk['level']): CustomerRisk => ({
  customer_id: id,
  customer_name: name,
  score,
  level,
  reasons: [{ kind: 'open_tickets', points: score, label: `${score / 10} chamados em aberto` }],
  finance_hidden: false,
});

/** Pages by level: "high" has one customer; "medium" two pages; "low" none. */
function stubApi() {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      const params = new URL(url, 'http://x').searchParams;
      const level = params.get('level');
      if (level === 'high') return json({ items: [risk('a', 'Alfa Ltda', 80, 'high')], total: 1, next_cursor: null });
      if (level === 'low') return json({ items: [], total: 0, next_cursor: null });
      return params.get('cursor') === '1'
        ? json({ items: [risk('c', 'Gama ME', 40, 'medium')], total: 3, next_cursor: null })
        : json({ items: [risk('a', 'Alfa Ltda', 80, 'high'), risk('b', 'Beta SA', 50, 'medium')], total: 3, next_cursor: '1' });
    }),
  );
  return urls;
}

function renderAs(role: Role, route = '/insights/clientes-em-risco') {
  return renderWithProviders(<CustomersAtRisk />, { route, seed: (client) => client.setQueryData(meQueryKey, me(role)) });
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('CustomersAtRisk', () => {
  it('lists medium risk or more by default, links each customer and loads more', async () => {
    const urls = stubApi();
    const user = userEvent.setup();
    renderAs('manager');

    const table = await screen.findByRole('table', { name: 'Clientes em risco de perda' });
    expect(screen.getByLabelText('Nível')).toHaveValue('medium');
    expect(screen.getByText('3 clientes neste nível')).toBeInTheDocument();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByRole('link', { name: 'Alfa Ltda' })).toHaveAttribute('href', '/crm/clientes/a');
    expect(rows[0]).toHaveTextContent('80/100');
    expect(within(rows[0]).getByText('Alto')).toBeInTheDocument();
    expect(within(rows[1]).getByRole('list', { name: 'Motivos do risco de Beta SA' })).toHaveTextContent('+505 chamados em aberto');

    await user.click(screen.getByRole('button', { name: 'Carregar mais' }));
    expect(await within(table).findByText('Gama ME')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).not.toBeInTheDocument();
    expect(urls[0]).toBe('/api/v1/insights/customers-at-risk?level=medium&limit=50');
  });

  it('filters by level and says when nobody is at risk there', async () => {
    stubApi();
    const user = userEvent.setup();
    renderAs('sales');
    await screen.findByText('Beta SA');

    await user.selectOptions(screen.getByLabelText('Nível'), 'Alto');
    await vi.waitFor(() => expect(screen.queryByText('Beta SA')).not.toBeInTheDocument());
    expect(screen.getByText('1 cliente neste nível')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Nível'), 'Todos');
    expect(await screen.findByText('Nenhum cliente em risco neste nível.')).toBeInTheDocument();
  });

  it('shows names without links to a role outside the CRM', async () => {
    stubApi();
    renderAs('finance');
    await screen.findByText('Beta SA');
    expect(screen.queryByRole('link', { name: 'Beta SA' })).not.toBeInTheDocument();
  });
});
