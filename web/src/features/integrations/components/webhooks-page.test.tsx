import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { WebhookDelivery, WebhookEndpoint } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { WebhooksPage } from './webhooks-page';

const endpoint = (over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id: 'w1',
  url: 'https://erp.example.com/hooks',
  description: 'ERP',
  event_kinds: ['CustomerCreated', 'InvoicePaid'],
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  consecutive_failures: 0,
  created_at: '2026-12-01T12:00:00Z',
  updated_at: '2026-12-01T12:00:00Z',
  ...over,
});

const delivery = (over: Partial<WebhookDelivery> = {}): WebhookDelivery => ({
  id: 'd1',
  endpoint_id: 'w1',
  event_id: 'e1',
  event_kind: 'CustomerCreated',
  status: 'failed',
  attempts: 8,
  response_status: 503,
  error: 'o provedor respondeu 503: Service Unavailable',
  next_attempt_at: null,
  created_at: '2026-12-01T12:00:00Z',
  delivered_at: null,
  ...over,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('WebhooksPage', () => {
  it('explains webhooks when there is none, creates one and shows its secret once', async () => {
    let created: unknown = null;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init?: RequestInit) => {
        if (init?.method === 'POST') {
          created = JSON.parse(String(init.body));
          return json({ endpoint: endpoint(), secret: 'ab'.repeat(32) }, 201);
        }
        return json(created ? [endpoint()] : []);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<WebhooksPage />);

    expect(await screen.findByText(/Um webhook avisa outro sistema/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Criar webhook' }));
    const dialog = screen.getByRole('dialog', { name: 'Novo webhook' });
    const url = within(dialog).getByLabelText(/URL do endpoint/);
    await user.clear(url);
    await user.type(url, 'https://erp.example.com/hooks');
    // No event chosen: the form says so and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Criar endpoint' }));
    expect(within(dialog).getByText('Escolha ao menos um evento.')).toBeInTheDocument();
    expect(created).toBeNull();
    await user.click(within(dialog).getByRole('checkbox', { name: /Cliente criado/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Todos de Financeiro' }));
    await user.click(within(dialog).getByRole('button', { name: 'Criar endpoint' }));

    expect(await screen.findByText('Copie agora o segredo de assinatura')).toBeInTheDocument();
    expect(screen.getByDisplayValue('ab'.repeat(32))).toBeInTheDocument();
    const sent = created as { url: string; event_kinds: string[] };
    expect(sent.url).toBe('https://erp.example.com/hooks');
    expect(sent.event_kinds).toContain('CustomerCreated');
    expect(sent.event_kinds).toContain('InvoicePaid');
    expect(sent.event_kinds).not.toContain('TicketCreated');
  });

  it('shows why an endpoint is off, its deliveries with response codes, and replays one once it is back on', async () => {
    const calls: string[] = [];
    let enabled = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`);
        if (url.includes('/enable')) {
          enabled = true;
          return json(endpoint());
        }
        if (url.includes('/replay')) return json(delivery({ status: 'pending', attempts: 0 }), 202);
        if (url.includes('/deliveries')) return json({ items: [delivery()], next_cursor: null });
        return json([
          enabled
            ? endpoint()
            : endpoint({ enabled: false, disabled_reason: 'Desativado automaticamente: 3 entregas seguidas falharam.', consecutive_failures: 3 }),
        ]);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<WebhooksPage />);

    expect(await screen.findByText(/3 entregas seguidas falharam/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ver entregas' }));
    const table = await screen.findByRole('table', { name: 'Entregas do webhook' });
    expect(within(table).getByText('503')).toBeInTheDocument();
    expect(within(table).getByText('8')).toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'Reenviar' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Reativar' }));
    const replay = await within(table).findByRole('button', { name: 'Reenviar' });
    await vi.waitFor(() => expect(replay).toBeEnabled());
    await user.click(replay);
    await vi.waitFor(() =>
      expect(calls.some((c) => c.startsWith('POST') && c.endsWith('/integrations/webhooks/w1/deliveries/d1/replay'))).toBe(true),
    );
  });
});
