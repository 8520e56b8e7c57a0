import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { InviteUserForm } from './invite-user-form';

function problem(status: number, body: Record<string, unknown>) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Erro', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('InviteUserForm', () => {
  it('explains a plan limit and links to the plan page', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(403, { detail: 'O plano Gratuito permite até 2 usuários.', limit: 'users', max: 2, plan: 'free' })),
    );
    const user = userEvent.setup();
    renderWithProviders(<InviteUserForm />);

    await user.type(screen.getByLabelText(/E-mail/), 'novo@example.com');
    await user.click(screen.getByRole('button', { name: 'Enviar convite' }));

    expect(await screen.findByText('O plano Gratuito permite até 2 usuários.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Faça upgrade do plano' })).toHaveAttribute('href', '/configuracoes/plano');
  });

  it('puts a "taken e-mail" conflict on the e-mail field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => problem(409, { detail: 'Este e-mail já está em uso.' })));
    const user = userEvent.setup();
    renderWithProviders(<InviteUserForm />);

    await user.type(screen.getByLabelText(/E-mail/), 'ja@example.com');
    await user.click(screen.getByRole('button', { name: 'Enviar convite' }));

    expect(await screen.findByText('Este e-mail já está em uso.')).toBeInTheDocument();
    expect(screen.getByLabelText(/E-mail/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('sends the chosen role', async () => {
    const fetchMock = vi.fn(
      async (_url: string, init: RequestInit) =>
        new Response(
          JSON.stringify({ id: 'i1', ...JSON.parse(String(init.body)), expires_at: '2026-01-08T00:00:00Z', created_at: '2026-01-01T00:00:00Z' }),
          { status: 201, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<InviteUserForm />);

    await user.type(screen.getByLabelText(/E-mail/), 'vendas@example.com');
    await user.selectOptions(screen.getByLabelText(/Papel/), 'Vendedor');
    await user.click(screen.getByRole('button', { name: 'Enviar convite' }));

    expect(await screen.findByText(/Convite enviado para/)).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/api/v1/invitations');
    expect(JSON.parse(String(init.body))).toEqual({ email: 'vendas@example.com', role: 'sales' });
  });

  it('says what the chosen role is for under the role picker', async () => {
    const user = userEvent.setup();
    renderWithProviders(<InviteUserForm />);
    expect(screen.getByRole('combobox', { name: /Papel/ })).toHaveAccessibleDescription(/Atende os clientes nas conversas/);
    await user.selectOptions(screen.getByRole('combobox', { name: /Papel/ }), 'Financeiro');
    expect(screen.getByRole('combobox', { name: /Papel/ })).toHaveAccessibleDescription(/Cuida da cobrança/);
  });
});
