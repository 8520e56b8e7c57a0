import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { LlmSummary, TicketSummary } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TicketSummarySection } from './ticket-summary';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

const offline: TicketSummary['offline'] = {
  request: 'Quero a segunda via do boleto de novembro.',
  points: [
    { speaker: 'customer', text: 'O boleto veio com o valor errado.' },
    { speaker: 'team', text: 'Vamos corrigir o valor e reenviar.' },
  ],
  last_customer: 'Obrigado, aguardo.',
  last_team: 'Reenviamos o boleto corrigido.',
  text: 'Pedido do cliente: Quero a segunda via…',
};

const llm: LlmSummary = {
  engine: 'openai',
  model: 'gpt-4o-mini',
  text: 'O cliente pediu a segunda via com o valor corrigido; a equipe reenviou.',
  created_at: '2026-11-03T12:00:00Z',
  stale: true,
};

function summaryOf(overrides: Partial<TicketSummary> = {}): TicketSummary {
  return { offline, llm: null, llm_available: false, messages: 4, ...overrides };
}

/** Answers GET and POST /tickets/t1/summary; `post` decides the POST's answer. */
function stubApi(initial: TicketSummary, post?: () => Response) {
  let current = initial;
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url !== '/api/v1/tickets/t1/summary') return json({ title: 'não encontrado', status: 404 }, 404);
    if (init.method === 'POST' && post) {
      const answer = post();
      if (answer.ok) current = { ...current, llm: (await answer.clone().json()) as LlmSummary };
      return answer;
    }
    return json(current);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TicketSummarySection', () => {
  it('shows the conversation’s own sentences, each point with who said it, and no AI button without an LLM', async () => {
    stubApi(summaryOf());
    renderWithProviders(<TicketSummarySection ticketId="t1" />);
    const section = await screen.findByRole('region', { name: 'Resumo' });
    await within(section).findByText('Quero a segunda via do boleto de novembro.');
    expect(within(section).getByText('Pedido do cliente')).toBeInTheDocument();
    const points = within(section).getAllByRole('listitem').map((item) => item.textContent);
    expect(points).toEqual(['Cliente: O boleto veio com o valor errado.', 'Equipe: Vamos corrigir o valor e reenviar.']);
    expect(within(section).getByText('Última mensagem do cliente').nextSibling).toHaveTextContent('Obrigado, aguardo.');
    expect(within(section).getByText('Última resposta da equipe').nextSibling).toHaveTextContent('Reenviamos o boleto corrigido.');
    expect(within(section).queryByRole('button', { name: /IA/ })).not.toBeInTheDocument();
  });

  it('says when there is nothing to summarise yet', async () => {
    stubApi(summaryOf({ offline: { request: null, points: [], last_customer: null, last_team: null, text: '' }, messages: 0 }));
    renderWithProviders(<TicketSummarySection ticketId="t1" />);
    expect(await screen.findByText('Sem mensagens para resumir ainda.')).toBeInTheDocument();
  });

  it('asks the LLM for a summary and shows it above the offline one', async () => {
    const fresh = { ...llm, stale: false };
    const fetchMock = stubApi(summaryOf({ llm_available: true }), () => json(fresh));
    const user = userEvent.setup();
    renderWithProviders(<TicketSummarySection ticketId="t1" />);

    await user.click(await screen.findByRole('button', { name: 'Resumir com IA' }));
    await screen.findByText(fresh.text);
    expect(screen.getByText('Resumo por IA')).toBeInTheDocument();
    expect(screen.getByText(/OpenAI · gpt-4o-mini/)).toBeInTheDocument();
    expect(screen.queryByText('desatualizado')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Atualizar resumo com IA' })).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1);
  });

  it('marks a summary written before the latest messages, and shows why the LLM could not answer', async () => {
    stubApi(summaryOf({ llm, llm_available: true }), () =>
      json({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: 'A IA não respondeu: tempo esgotado.' }, 502),
    );
    const user = userEvent.setup();
    renderWithProviders(<TicketSummarySection ticketId="t1" />);

    expect(await screen.findByText('desatualizado')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Atualizar resumo com IA' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A IA não respondeu: tempo esgotado.');
    expect(screen.getByText(llm.text)).toBeInTheDocument();
  });
});
