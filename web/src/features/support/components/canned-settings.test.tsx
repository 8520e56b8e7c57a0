import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { CannedSettings } from './canned-settings';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => json([])),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('CannedSettings', () => {
  it('warns while typing a variable the server does not fill, and not for the ones it does', async () => {
    const user = userEvent.setup();
    renderWithProviders(<CannedSettings />);
    await user.click(await screen.findByRole('button', { name: 'Nova resposta' }));
    const body = screen.getByRole('textbox', { name: /^Texto/ });

    await user.type(body, 'Olá, {{{{customer.first_name}}! Sou {{{{agent.name}}.');
    expect(screen.queryByText(/não é trocada pelos dados do ticket/)).not.toBeInTheDocument();

    await user.clear(body);
    await user.type(body, 'Olá, {{{{contato.primeiro_nome}}! Seu pedido {{{{pedido.numero}}.');
    expect(await screen.findByText(/\{\{pedido\.numero\}\} não é trocada pelos dados do ticket/)).toBeInTheDocument();
    expect(screen.queryByText(/\{\{contato\.primeiro_nome\}\} não é trocada/)).not.toBeInTheDocument();
  });
});
