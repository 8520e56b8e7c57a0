import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { InboxEntry } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { WebhookLog } from './webhook-log';

const entry = (over: Partial<InboxEntry>): InboxEntry => ({
  id: 'e1',
  source_kind: 'gateway',
  source_id: 'g1',
  provider: 'asaas',
  event_id: 'evt_1',
  kind: 'PAYMENT_RECEIVED',
  status: 'processed',
  error: null,
  attempts: 1,
  received_at: '2026-12-01T12:00:00Z',
  processed_at: '2026-12-01T12:00:01Z',
  ...over,
});

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('WebhookLog', () => {
  it('reads the source’s log and replays a failed event', async () => {
    const calls: string[] = [];
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      calls.push(`${init?.method ?? 'GET'} ${url}`);
      if (init?.method === 'POST') return new Response(null, { status: 202 });
      const items = [
        entry({ id: 'e2', event_id: 'unreadable:abc', kind: '', status: 'failed', error: 'conteúdo ilegível', processed_at: null }),
        entry({}),
      ];
      return new Response(JSON.stringify({ items, next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<WebhookLog source="gateway:g1" title="Eventos do webhook" caption="Eventos do webhook do gateway" />);

    expect(await screen.findByText('conteúdo ilegível')).toBeInTheDocument();
    expect(calls[0]).toContain('/inbox?source=gateway%3Ag1');
    expect(screen.getByText('Falhou')).toBeInTheDocument();
    expect(screen.getByText('Processado')).toBeInTheDocument();
    // Only the failed (or ignored) event can run again.
    const replay = screen.getAllByRole('button', { name: 'Reprocessar' });
    expect(replay).toHaveLength(1);

    await user.click(replay[0]);
    expect(await screen.findByText('Evento enviado para reprocessamento.')).toBeInTheDocument();
    expect(calls).toContainEqual(expect.stringMatching(/^POST .*\/inbox\/e2\/replay$/));
  });
});
