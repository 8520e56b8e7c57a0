import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Triaged } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TriagePreview } from './triage-preview';

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

const boleto: Triaged = {
  category: 'financeiro',
  category_confidence: 1,
  intent: 'segunda_via',
  intent_confidence: 0.912,
  priority: 'high',
  priority_confidence: 0.6,
  sentiment: 'neutral',
  sentiment_score: 0,
  sentiment_confidence: 0.5,
  language: 'pt',
  cues: ['prazo hoje'],
  team_id: null,
  engine: 'rule',
  reason: 'A regra 1 encontrou "boleto".',
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('TriagePreview', () => {
  it('shows how a message would be triaged', async () => {
    const posted: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        if (url === '/api/v1/ai/triage/preview' && init.method === 'POST') {
          posted.push(JSON.parse(String(init.body)));
          return json(boleto);
        }
        return json([]);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TriagePreview />);

    await user.type(screen.getByLabelText('Mensagem do cliente'), '  preciso da segunda via do boleto, vence hoje ');
    await user.click(screen.getByRole('button', { name: 'Testar triagem' }));

    const result = await screen.findByRole('region', { name: 'Resultado da triagem' });
    expect(posted).toEqual([{ text: 'preciso da segunda via do boleto, vence hoje' }]);
    expect(within(result).getByText('2ª via / boleto')).toBeInTheDocument();
    expect(within(result).getByText('91%')).toBeInTheDocument();
    expect(within(result).getByText('financeiro')).toBeInTheDocument();
    expect(within(result).getByText('Alta')).toBeInTheDocument();
    expect(within(result).getByText('Neutro')).toBeInTheDocument();
    expect(within(result).getByText('Português')).toBeInTheDocument();
    expect(within(within(result).getByRole('list', { name: 'Sinais de urgência' })).getByText('prazo hoje')).toBeInTheDocument();
    expect(within(result).getByText('Regra da empresa')).toBeInTheDocument();
    expect(within(result).getByText('A regra 1 encontrou "boleto".')).toBeInTheDocument();
  });

  it('asks for a message before calling the server, and shows the server’s field errors under the text', async () => {
    const fetchMock = vi.fn(async () =>
      json(
        { type: 'about:blank', title: 'Dados inválidos', status: 422, detail: 'Confira os campos.', errors: [{ field: 'text', message: 'Mensagem com até 10.000 caracteres.' }] },
        422,
        'application/problem+json',
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<TriagePreview />);

    await user.click(screen.getByRole('button', { name: 'Testar triagem' }));
    expect(await screen.findByText('Escreva a mensagem a classificar.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('Mensagem do cliente'), 'olá');
    await user.click(screen.getByRole('button', { name: 'Testar triagem' }));
    const text = screen.getByLabelText('Mensagem do cliente');
    await vi.waitFor(() => expect(text).toHaveAccessibleDescription('Mensagem com até 10.000 caracteres.'));
    expect(text).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('region', { name: 'Resultado da triagem' })).not.toBeInTheDocument();
  });
});
