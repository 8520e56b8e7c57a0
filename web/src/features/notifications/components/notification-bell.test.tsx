import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import type { Notification, NotificationPage } from '../api/notifications';
import { timeAgo } from '../utils/labels';

import { NotificationBell } from './notification-bell';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const mention: Notification = {
  id: 'n1',
  kind: 'mention',
  title: 'Rita mencionou você no ticket #1042',
  body: 'Veja o caixa, por favor',
  subject_kind: 'ticket',
  subject_id: 't-1042',
  created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
  read_at: null,
};
const payment: Notification = {
  ...mention,
  id: 'n0',
  kind: 'payment_received',
  title: 'Pagamento recebido: R$ 150,00',
  body: '',
  subject_kind: 'payment',
  subject_id: 'p1',
  read_at: '2026-12-01T10:00:00Z',
};

function Where() {
  return <output aria-label="endereço">{useLocation().pathname}</output>;
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('NotificationBell', () => {
  it('shows the unread count, lists the newest, and opening one marks it read and goes to its ticket', async () => {
    let page: NotificationPage = { items: [mention, payment], next_cursor: null, unread: 1 };
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit = {}) => {
        calls.push(`${init.method ?? 'GET'} ${new URL(url, 'http://x').pathname}`);
        if (url.includes('/notifications/n1/read')) {
          page = { items: [{ ...mention, read_at: new Date().toISOString() }, payment], next_cursor: null, unread: 0 };
          return json({ marked: 1, unread: 0 });
        }
        return json(page);
      }),
    );
    renderWithProviders(
      <>
        <NotificationBell />
        <Routes>
          <Route path="*" element={<Where />} />
        </Routes>
      </>,
    );
    const bell = await screen.findByRole('button', { name: 'Notificações: 1 não lida' });
    expect(screen.getByTestId('bell-count')).toHaveTextContent('1');
    await userEvent.click(bell);
    const panel = screen.getByRole('dialog', { name: 'Notificações' });
    expect(panel).toHaveTextContent('Veja o caixa, por favor');
    expect(panel).toHaveTextContent('há 5 minutos');
    await userEvent.click(screen.getByRole('button', { name: /Rita mencionou você/ }));
    expect(screen.getByLabelText('endereço')).toHaveTextContent('/atendimento/t-1042');
    expect(calls).toContain('POST /api/v1/notifications/n1/read');
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(screen.queryByTestId('bell-count')).toBeNull());
  });

  it('says what will appear when there is nothing, and Escape closes it', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ items: [], next_cursor: null, unread: 0 })));
    renderWithProviders(<NotificationBell />);
    await userEvent.click(await screen.findByRole('button', { name: 'Notificações' }));
    expect(screen.getByRole('dialog')).toHaveTextContent('Nenhuma notificação por aqui.');
    expect(screen.getByRole('button', { name: 'Marcar todas como lidas' })).toBeDisabled();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('timeAgo', () => {
  it('reads like a person says it', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    expect(timeAgo('2026-12-07T11:59:40Z', now)).toBe('agora');
    expect(timeAgo('2026-12-07T11:55:00Z', now)).toBe('há 5 minutos');
    expect(timeAgo('2026-12-07T09:00:00Z', now)).toBe('há 3 horas');
    expect(timeAgo('2026-12-06T12:00:00Z', now)).toBe('ontem');
  });
});
