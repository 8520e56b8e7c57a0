import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TicketTriage } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeTicket } from '../utils/test-fixtures';

import { TicketTriageSection } from './ticket-triage';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const first: TicketTriage = {
  id: 'tr1',
  message_id: 'm1',
  initial: true,
  category: null,
  category_confidence: null,
  intent: 'cancelar',
  intent_confidence: 0.83,
  priority: 'urgent',
  priority_confidence: 0.95,
  sentiment: 'very_negative',
  sentiment_score: -0.7,
  sentiment_confidence: 0.8,
  language: 'pt',
  cues: ['ameaça jurídica', 'serviço parado'],
  team_id: null,
  engine: 'starter_model',
  reason: 'Cancelamento com sinais de urgência: prioridade elevada.',
  corrected: ['priority'],
  created_at: '2026-11-03T12:00:00Z',
};

function renderWith(triages: TicketTriage[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => (url === '/api/v1/tickets/t1/triage' ? json(triages) : json([]))),
  );
  renderWithProviders(<TicketTriageSection ticket={makeTicket({ id: 't1' })} />);
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TicketTriageSection', () => {
  it('shows the first message’s triage, the agent’s correction and a later change of tone', async () => {
    const later: TicketTriage = { ...first, id: 'tr2', message_id: 'm2', initial: false, sentiment: 'positive', corrected: [], created_at: '2026-11-03T14:00:00Z' };
    renderWith([later, first]);
    const section = await screen.findByRole('region', { name: 'Triagem' });
    await within(section).findByText('Cancelar');
    expect(within(section).getByText('83%')).toBeInTheDocument();
    expect(within(section).getByText('Urgente')).toBeInTheDocument();
    expect(within(section).getByText('Muito negativo')).toBeInTheDocument();
    expect(within(section).getByText('Sem categoria')).toBeInTheDocument();
    const cues = within(section).getByRole('list', { name: 'Sinais de urgência' });
    expect(within(cues).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['ameaça jurídica', 'serviço parado']);
    expect(within(section).getByText('Modelo inicial')).toBeInTheDocument();
    expect(within(section).getByText('Cancelamento com sinais de urgência: prioridade elevada.')).toBeInTheDocument();
    expect(within(section).getByText('Corrigido pelo agente (prioridade).')).toBeInTheDocument();
    expect(within(section).getByText(/Sentimento na mensagem de/)).toHaveTextContent('Positivo');
  });

  it('says when a ticket has no triage', async () => {
    renderWith([]);
    expect(await screen.findByText(/Sem triagem/)).toBeInTheDocument();
  });
});
