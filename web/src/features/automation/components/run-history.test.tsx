import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';

import type { Flow, FlowRun } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeRun } from '../utils/test-fixtures';

import { RunHistory } from './run-history';

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

const flow = { id: 'f1', name: 'Sem resposta' } as Flow;
const run = (patch: Partial<FlowRun>) => makeRun({ event_kind: 'MessageReceived', ...patch });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

it('filters runs by status, shows waits and depth, and offers "Repetir" only on failed runs', async () => {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      const failed = url.includes('status=failed');
      return json({
        items: failed
          ? [run({ id: 'r3', status: 'failed', error: 'Fora da janela de 24 horas.' })]
          : [run({ id: 'r2', status: 'waiting', depth: 2, resume_at: '2026-03-02T14:00:00Z' }), run({})],
        next_cursor: null,
      });
    }),
  );
  const user = userEvent.setup();
  renderWithProviders(<RunHistory flow={flow} />);

  const table = await screen.findByRole('table', { name: 'Execuções de Sem resposta' });
  expect(within(table).getByText(/aguardando até/)).toBeInTheDocument();
  expect(within(table).getByText(/profundidade 2 \(disparada por outra automação\)/)).toBeInTheDocument();
  expect(within(table).queryByRole('button', { name: 'Repetir' })).not.toBeInTheDocument();

  await user.selectOptions(screen.getByLabelText('Situação'), 'failed');
  expect(await within(table).findByRole('button', { name: 'Repetir' })).toBeInTheDocument();
  expect(within(table).getByText('Fora da janela de 24 horas.')).toBeInTheDocument();
  expect(urls).toContain('/api/v1/automation/flows/f1/runs?limit=50&status=failed');
});
