import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { CustomerRisk } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { CustomerRiskCard } from './customer-risk-card';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function renderWith(risk: CustomerRisk) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => (url === '/api/v1/customers/c1/insights' ? json(risk) : json({ title: 'não encontrado', status: 404 }, 404))),
  );
  renderWithProviders(<CustomerRiskCard customerId="c1" />);
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('CustomerRiskCard', () => {
  it('shows the score, its level and each reason with its points', async () => {
    renderWith({
      customer_id: 'c1',
      customer_name: 'Padaria Pão Quente',
      score: 70,
      level: 'high',
      reasons: [
        { kind: 'sentiment', points: 40, label: 'Mensagem muito negativa no último chamado' },
        { kind: 'overdue_invoices', points: 30, label: '2 faturas vencidas (R$ 259,80 em aberto)' },
      ],
      finance_hidden: false,
    });
    const card = await screen.findByRole('region', { name: 'Risco de perda' });
    await within(card).findByText('70');
    expect(card).toHaveTextContent('70/100');
    expect(within(card).getByText('Alto')).toHaveClass('bg-red-100');
    const reasons = within(card).getByRole('list', { name: 'Motivos do risco' });
    expect(within(reasons).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      '+40Mensagem muito negativa no último chamado',
      '+302 faturas vencidas (R$ 259,80 em aberto)',
    ]);
    expect(within(card).queryByText(/Faturas não consideradas/)).not.toBeInTheDocument();
  });

  it('says there is no sign of risk, and that invoices were left out for a role without finance', async () => {
    renderWith({ customer_id: 'c1', customer_name: 'Padaria', score: 0, level: 'low', reasons: [], finance_hidden: true });
    expect(await screen.findByText('Nenhum sinal de risco.')).toBeInTheDocument();
    expect(screen.getByText('Baixo')).toBeInTheDocument();
    expect(screen.getByText('Faturas não consideradas para o seu perfil.')).toBeInTheDocument();
  });
});
