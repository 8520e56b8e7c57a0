import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TopicTrends } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TopicTrendsReport } from './topic-trends';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const week: TopicTrends = {
  from: '2026-11-01T12:00:00Z',
  to: '2026-11-08T12:00:00Z',
  days: 7,
  truncated: false,
  categories: [
    { category: 'cobrança', current: 6, previous: 2, change_pct: 200, rising: [{ term: 'boleto', current: 3, previous: 0 }] },
    { category: null, current: 1, previous: 4, change_pct: -75, rising: [] },
    { category: 'entrega', current: 2, previous: 0, change_pct: null, rising: [] },
  ],
};

function stubApi() {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return url.includes('days=30') ? json({ ...week, days: 30, categories: [] }) : json(week);
    }),
  );
  return urls;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TopicTrendsReport', () => {
  it('shows each category against the period before, with the words on the rise', async () => {
    stubApi();
    renderWithProviders(<TopicTrendsReport />);
    const table = await screen.findByRole('table', { name: 'Chamados por categoria' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'cobrança62▲ 200%boleto (3 × 0)',
      'Sem categoria14▼ 75%—',
      'entrega20——',
    ]);
    expect(within(rows[0]).getByRole('list', { name: 'Palavras em alta em cobrança' })).toBeInTheDocument();
  });

  it('switches to 30 days and says when no ticket was opened', async () => {
    const urls = stubApi();
    const user = userEvent.setup();
    renderWithProviders(<TopicTrendsReport />);
    await screen.findByRole('table', { name: 'Chamados por categoria' });
    await user.selectOptions(screen.getByLabelText('Período'), '30 dias');
    expect(await screen.findByText('Nenhum chamado aberto neste período nem no anterior.')).toBeInTheDocument();
    expect(urls).toEqual(['/api/v1/insights/topics?days=7', '/api/v1/insights/topics?days=30']);
  });
});
