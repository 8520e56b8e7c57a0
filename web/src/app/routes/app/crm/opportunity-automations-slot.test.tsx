import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { OpportunityExtrasProvider } from '@/features/crm/components/opportunity-extras-slot';
import { EditOpportunityDialog } from '@/features/crm/components/opportunity-form';
import type { Me, Opportunity, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { renderOpportunityAutomations } from './opportunity-automations-slot';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const me = (role: Role): Me => ({
  user: { id: 'u1', name: 'Dona Sônia', email: 'sonia@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'co1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
});

const deal: Opportunity = {
  id: 'o1',
  customer_id: 'c1',
  customer_name: 'Padaria Pão Quente',
  pipeline_id: 'p1',
  stage_id: 's1',
  status: 'open',
  title: 'Implantação na loja',
  value_cents: 500_000,
  currency: 'BRL',
  position: 1,
  stage_entered_at: '2026-11-03T12:00:00Z',
  version: 1,
  created_at: '2026-11-03T12:00:00Z',
};

const asked: string[] = [];

beforeEach(() => {
  asked.length = 0;
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url === '/api/v1/automation/flows') return json([{ id: 'f1', name: 'Avisar o time de vendas' }]);
      if (url.startsWith('/api/v1/automation/runs?')) {
        asked.push(url);
        return json({
          items: [
            {
              id: 'r1',
              flow_id: 'f1',
              flow_version: 1,
              event_id: 'e1',
              event_kind: 'OpportunityCreated',
              record_id: 'o1',
              depth: 0,
              started_at: '2026-11-03T12:00:05Z',
              status: 'succeeded',
              steps: [],
            },
          ],
          next_cursor: null,
        });
      }
      if (url.startsWith('/api/v1/users')) return json({ items: [], next_cursor: null });
      return json({}, 404);
    }),
  );
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

function renderDeal(role: Role) {
  renderWithProviders(
    <OpportunityExtrasProvider render={renderOpportunityAutomations}>
      <EditOpportunityDialog opportunity={deal} onClose={() => {}} />
    </OpportunityExtrasProvider>,
    { seed: (client) => client.setQueryData(meQueryKey, me(role)) },
  );
}

describe('the automations of a deal, in its dialog', () => {
  it("shows a manager the flows' runs on this deal", async () => {
    renderDeal('manager');
    const block = await screen.findByRole('region', { name: 'Automações' });
    const runs = await within(block).findByRole('list', { name: 'Execuções de automações nesta oportunidade' });
    expect(await within(runs).findByText('Avisar o time de vendas')).toBeInTheDocument();
    expect(asked[0]).toContain('record_id=o1');
  });

  it('shows nothing of automation to a salesperson, who cannot use it', async () => {
    renderDeal('sales');
    expect(await screen.findByRole('textbox', { name: /Título/ })).toHaveValue('Implantação na loja');
    expect(screen.queryByRole('region', { name: 'Automações' })).not.toBeInTheDocument();
    expect(asked).toHaveLength(0);
  });
});
