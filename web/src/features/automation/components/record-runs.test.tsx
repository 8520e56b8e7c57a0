import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeFlow, makeRun } from '../utils/test-fixtures';

import { CustomerAutomations } from './record-runs';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('CustomerAutomations', () => {
  it("lists every flow's runs on the customer, asking the history of that customer", async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url === '/api/v1/automation/flows') return json([makeFlow({ id: 'f1', name: 'Boas-vindas ao cliente' })]);
        if (url.startsWith('/api/v1/automation/runs?')) {
          asked.push(url);
          return json({ items: [makeRun({ flow_id: 'f1', status: 'succeeded' })], next_cursor: null });
        }
        return json({}, 404);
      }),
    );
    renderWithProviders(<CustomerAutomations customerId="c1" />);
    const block = await screen.findByRole('region', { name: 'Automações' });
    const list = await within(block).findByRole('list', { name: 'Execuções de automações deste cliente' });
    expect(await within(list).findByText('Boas-vindas ao cliente')).toBeInTheDocument();
    expect(asked[0]).toContain('record_id=c1');
  });

  it('says so when no automation ran for the customer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url.startsWith('/api/v1/automation/runs?') ? json({ items: [], next_cursor: null }) : json([]))),
    );
    renderWithProviders(<CustomerAutomations customerId="c1" />);
    expect(await screen.findByText('Nenhuma automação rodou para este cliente ainda.')).toBeInTheDocument();
  });
});
