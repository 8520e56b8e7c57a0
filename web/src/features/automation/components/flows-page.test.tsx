import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Flow, GalleryItem } from '@/lib/api/models';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { makeFlow } from '../utils/test-fixtures';

import { FlowsPage } from './flows-page';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const base = makeFlow();
const pending: Flow = { ...base, draft: { trigger_kind: 'FlowRunRequested', actions: [{ type: 'add_tags', tags: ['vip', 'especial'] }] } };
const paused: Flow = { ...base, id: 'f2', name: 'Avisos', status: 'paused', paused_reason: '5 falhas seguidas: webhook respondeu 500.' };
const archived: Flow = { ...base, id: 'f3', name: 'Antigo', status: 'archived' };
const item: GalleryItem = {
  key: 'sla-estourado',
  name: 'SLA estourado → urgente e aviso',
  description: 'Quando um prazo de SLA estoura, o ticket vira urgente.',
  definition: { trigger_kind: 'SlaBreached', actions: [{ type: 'set_priority', priority: 'urgent' }] },
};
const installed: Flow = { ...base, id: 'f9', name: item.name, trigger_kind: 'SlaBreached', status: 'draft', actions: item.definition.actions };

let posted: string[] = [];
let flows: Flow[] = [];

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  posted = [];
  flows = [pending, paused, archived];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit = {}) => {
      if (init.method === 'POST') {
        posted.push(`${url} ${init.body ?? ''}`.trim());
        if (url.endsWith('/publish')) {
          flows = [{ ...base, version: 2 }, paused, archived];
          return json(flows[0]);
        }
        if (url.endsWith('/gallery/install')) return json(installed, 201);
        return json(base);
      }
      if (url === '/api/v1/automation/flows') return json(flows);
      if (url === '/api/v1/automation/gallery') return json([item]);
      if (url === '/api/v1/automation/triggers') return json([{ kind: 'SlaBreached', has_ticket: true, fields: [] }]);
      if (url.startsWith('/api/v1/users')) return json({ items: [], next_cursor: null });
      return json({}, 404);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('FlowsPage', () => {
  it('shows statuses, why a flow paused itself, and publishes a pending draft', async () => {
    const user = userEvent.setup();
    renderWithProviders(<FlowsPage teams={[]} />);
    const list = await screen.findByRole('list', { name: 'Fluxos' });

    expect(within(list).getByRole('listitem', { name: 'Avisos' })).toHaveTextContent('Pausado automaticamente: 5 falhas seguidas: webhook respondeu 500.');
    const old = within(list).getByRole('listitem', { name: 'Antigo' });
    expect(within(old).getByText('Arquivado')).toBeInTheDocument();
    expect(within(old).queryByRole('button', { name: 'Arquivar' })).not.toBeInTheDocument();

    const row = within(list).getByRole('listitem', { name: 'Marcar VIP' });
    expect(within(row).getByText('Alterações não publicadas')).toBeInTheDocument();
    await user.click(within(row).getByRole('button', { name: 'Publicar' }));
    expect(await within(list).findByText(/versão 2/)).toBeInTheDocument();
    expect(within(list).queryByText('Alterações não publicadas')).not.toBeInTheDocument();
    expect(posted).toEqual(['/api/v1/automation/flows/f1/publish']);
  });

  it('installs a ready-made flow and opens it in the editor', async () => {
    const user = userEvent.setup();
    renderWithProviders(<FlowsPage teams={[]} />);
    await user.click(await screen.findByRole('button', { name: 'Modelos prontos' }));
    const models = await screen.findByRole('list', { name: 'Modelos prontos' });
    await user.click(within(within(models).getByRole('listitem', { name: item.name })).getByRole('button', { name: 'Usar este modelo' }));

    expect(await screen.findByRole('heading', { name: `Editar “${item.name}”` })).toBeInTheDocument();
    expect(await screen.findByLabelText(/^Nome/)).toHaveValue(item.name);
    expect(posted).toEqual(['/api/v1/automation/gallery/install {"key":"sla-estourado"}']);
  });
});
