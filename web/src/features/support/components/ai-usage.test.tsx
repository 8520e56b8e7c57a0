import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { AiUsage } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { AiUsageCard, AiUsageReport, currentUsageMonth } from './ai-usage';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Intl puts a no-break space after "US$". */
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

const usage: AiUsage = {
  month: '2026-11',
  triages: 1234,
  triage_limit: 5000,
  tokens: 1_250_000,
  token_budget: 2_000_000,
  rows: [
    { feature: 'triage', engine: 'openai', model: 'gpt-4o-mini', outcome: 'ok', calls: 1234, input_tokens: 1_100_000, output_tokens: 150_000, estimated_cost_usd: 0.255 },
    { feature: 'triage', engine: 'openai', model: 'llama3.1', outcome: 'timeout', calls: 3, input_tokens: 0, output_tokens: 0, estimated_cost_usd: null },
    { feature: 'triage', engine: 'claude', model: '', outcome: 'over_limit', calls: 2, input_tokens: 0, output_tokens: 0, estimated_cost_usd: 0 },
  ],
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('AiUsageReport', () => {
  it('shows the plan’s triages and the token budget, and each kind of call in pt-BR', () => {
    renderWithProviders(<AiUsageReport usage={usage} />);
    expect(screen.getByRole('progressbar', { name: 'Triagens por IA' })).toHaveAttribute('aria-valuetext', '1.234 de 5.000');
    expect(screen.getByRole('progressbar', { name: 'Tokens' })).toHaveAttribute('aria-valuetext', '1.250.000 de 2.000.000');

    const table = screen.getByRole('table', { name: 'Chamadas em novembro de 2026' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map((cell) => plain(cell.textContent)));
    expect(rows).toEqual([
      ['gpt-4o-miniOpenAI', 'Respondida', '1.234', '1.100.000', '150.000', 'US$ 0,255'],
      ['llama3.1OpenAI', 'Sem resposta a tempo', '3', '0', '0', '—'],
      ['modelo padrãoClaude', 'Acima do limite', '2', '0', '0', 'US$ 0,00'],
    ]);
    expect(within(table).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual(['Triagem', 'Triagem', 'Triagem']);
  });

  it('says when the month had no calls, and when there is no budget because the LLM is off', () => {
    renderWithProviders(<AiUsageReport usage={{ ...usage, triages: 0, tokens: 0, token_budget: null, rows: [] }} />);
    expect(screen.getByText('Nenhuma chamada à IA em novembro de 2026.')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('progressbar', { name: 'Tokens' })).not.toBeInTheDocument();
    expect(screen.getByText(/sem limite definido, pois a IA está desligada/)).toBeInTheDocument();
  });
});

describe('AiUsageCard', () => {
  it('asks for this month (UTC) first, then for the month picked', async () => {
    const fetchMock = vi.fn(async (url: string) => {
      const month = new URL(url, 'http://localhost').searchParams.get('month') ?? '';
      return json({ ...usage, month, rows: [] });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithProviders(<AiUsageCard />);
    const thisMonth = currentUsageMonth();
    expect(screen.getByLabelText('Mês')).toHaveValue(thisMonth);
    await screen.findByText(/^Nenhuma chamada à IA em /);
    expect(fetchMock.mock.calls[0][0]).toBe(`/api/v1/ai/usage?month=${thisMonth}`);

    fireEvent.change(screen.getByLabelText('Mês'), { target: { value: '2026-03' } });
    expect(await screen.findByText('Nenhuma chamada à IA em março de 2026.')).toBeInTheDocument();
    expect(fetchMock.mock.calls[1][0]).toBe('/api/v1/ai/usage?month=2026-03');
  });

  it('counts months in UTC, as the server does', () => {
    // 22h of 31 October in São Paulo is already November in UTC.
    expect(currentUsageMonth(new Date('2026-11-01T01:00:00Z'))).toBe('2026-11');
  });
});
