import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { LoginForm } from './login-form';

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('LoginForm', () => {
  it('shows validation messages without calling the server', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<LoginForm onSuccess={() => {}} />);

    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect(await screen.findByText('Informe seu e-mail.')).toBeInTheDocument();
    expect(screen.getByText('Informe sua senha.')).toBeInTheDocument();
    expect(screen.getByLabelText(/E-mail/)).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText(/E-mail/), 'ana@');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));
    expect(await screen.findByText('Informe um e-mail válido.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('explains wrong credentials in an alert', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'invalid credentials' }), {
            status: 401,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<LoginForm onSuccess={() => {}} />);

    await user.type(screen.getByLabelText(/E-mail/), 'ana@example.com');
    await user.type(screen.getByLabelText(/Senha/), 'errada-123');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    expect(await screen.findByText('E-mail ou senha incorretos.')).toBeInTheDocument();
    expect(useSession.getState().hasSession).toBe(false);
  });

  it('stores the tokens and reports success', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 }),
            { status: 200, headers: { 'Content-Type': 'application/json' } },
          ),
      ),
    );
    const onSuccess = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<LoginForm onSuccess={onSuccess} />);

    await user.type(screen.getByLabelText(/E-mail/), 'ana@example.com');
    await user.type(screen.getByLabelText(/Senha/), 'correta-123');
    await user.click(screen.getByRole('button', { name: 'Entrar' }));

    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(useSession.getState().accessToken).toBe('a');
    expect(window.localStorage.getItem('conectcrm.refresh_token')).toBe('r');
  });
});
