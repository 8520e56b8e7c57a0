import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { DeadJob } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { FailedJobsList } from './failed-jobs-list';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const deadMail: DeadJob = {
  id: 7,
  kind: 'mail.send',
  attempts: 10,
  last_error: 'SMTP 550: mailbox unavailable',
  created_at: '2026-03-01T12:00:00Z',
  dead_at: '2026-03-01T14:30:00Z',
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('FailedJobsList', () => {
  it('explains the empty list', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ items: [] })));
    renderWithProviders(<FailedJobsList />);
    expect(await screen.findByText('Nenhuma tarefa falhou')).toBeInTheDocument();
    expect(screen.getByText(/falharam em todas as tentativas automáticas/)).toBeInTheDocument();
  });

  it('lists a dead task and puts it back in the queue', async () => {
    let dead = [deadMail];
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
      if (init.method === 'POST') {
        dead = [];
        return new Response(null, { status: 202 });
      }
      return json({ items: dead });
    });
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<FailedJobsList />);

    const table = await screen.findByRole('table', { name: 'Tarefas com falha' });
    const row = within(table).getAllByRole('row')[1];
    expect(within(row).getByText('Envio de e-mail')).toBeInTheDocument();
    expect(within(row).getByText('10')).toBeInTheDocument();
    expect(within(row).getByText('SMTP 550: mailbox unavailable')).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: /^Tentar de novo/ }));

    expect(await screen.findByText(/voltou para a fila/)).toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledWith('/api/v1/jobs/7/retry', expect.objectContaining({ method: 'POST' }));
    expect(await screen.findByText('Nenhuma tarefa falhou')).toBeInTheDocument();
  });
});
