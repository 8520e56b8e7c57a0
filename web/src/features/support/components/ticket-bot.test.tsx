import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { TicketBot } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TicketBotSection } from './ticket-bot';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const never: TicketBot = { step: null, identified: false, resolved: false, handover_reason: null, log: [], updated_at: null };

function stubBot(bot: TicketBot) {
  const fetchMock = vi.fn(async (url: string) => (url === '/api/v1/tickets/t1/bot' ? json(bot) : json({ title: 'não encontrado', status: 404 }, 404)));
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

describe('TicketBotSection', () => {
  it('shows nothing on a ticket the bot never answered', async () => {
    const fetchMock = stubBot(never);
    const { container } = renderWithProviders(<TicketBotSection ticketId="t1" />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(container).toBeEmptyDOMElement();
  });

  it('shows a handover: the step, that it solved something first, why and what it did', async () => {
    stubBot({
      step: 'handed_over',
      identified: true,
      resolved: true,
      handover_reason: 'o cliente pediu um atendente',
      log: ['Enviou a fatura FAT-0001', 'Respondeu: Qual o horário?'],
      updated_at: '2026-11-03T12:00:00Z',
    });
    renderWithProviders(<TicketBotSection ticketId="t1" />);
    const section = await screen.findByRole('region', { name: 'Bot IA' });
    expect(within(section).getByText('Transferido')).toBeInTheDocument();
    expect(within(section).getByText('Resolveu sozinho')).toBeInTheDocument();
    expect(within(section).getByText('CPF/CNPJ conferido')).toBeInTheDocument();
    expect(within(section).getByText('o cliente pediu um atendente')).toBeInTheDocument();
    const log = within(section).getByRole('list', { name: 'O que o bot fez' });
    expect(within(log).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Enviou a fatura FAT-0001', 'Respondeu: Qual o horário?']);
  });

  it('names every step in Portuguese, and shows an unknown one as sent', async () => {
    stubBot({ ...never, step: 'ask_document', updated_at: '2026-11-03T12:00:00Z' });
    const first = renderWithProviders(<TicketBotSection ticketId="t1" />);
    const section = await screen.findByRole('region', { name: 'Bot IA' });
    expect(within(section).getByText('Pedindo CPF/CNPJ')).toBeInTheDocument();
    expect(within(section).queryByText('Resolveu sozinho')).not.toBeInTheDocument();
    first.unmount();

    stubBot({ ...never, step: 'silent' });
    renderWithProviders(<TicketBotSection ticketId="t1" />);
    expect(await screen.findByText('Silencioso (uma pessoa assumiu)')).toBeInTheDocument();
  });
});
