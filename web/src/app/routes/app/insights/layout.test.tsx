import { screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { SectionGuard } from '@/app/section-guard';
import type { Me, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { renderWithProviders } from '@/testing/render';

import InsightsFirstTabRoute from './first-tab';
import InsightsLayout from './layout';

function me(role: Role): Me {
  return {
    user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
    company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
    signature: '',
  };
}

/** The router's insights branch, with stand-ins for the two pages. */
function renderAs(role: Role, route = '/insights') {
  renderWithProviders(
    <Routes>
      <Route path="/insights" element={<SectionGuard section="insights" />}>
        <Route element={<InsightsLayout />}>
          <Route index element={<InsightsFirstTabRoute />} />
          <Route element={<SectionGuard section="insights_risk" />}>
            <Route path="/insights/clientes-em-risco" element={<h1>Página de risco</h1>} />
          </Route>
          <Route element={<SectionGuard section="insights_topics" />}>
            <Route path="/insights/tendencias" element={<h1>Página de tendências</h1>} />
          </Route>
        </Route>
      </Route>
    </Routes>,
    { route, seed: (client) => client.setQueryData(meQueryKey, me(role)) },
  );
}

const tabNames = () => within(screen.getByRole('navigation', { name: 'Insights' })).getAllByRole('link').map((link) => link.textContent);

describe('Insights', () => {
  it('opens on the customers at risk, with both tabs, for a manager', () => {
    renderAs('manager');
    expect(screen.getByRole('heading', { name: 'Página de risco' })).toBeInTheDocument();
    expect(tabNames()).toEqual(['Clientes em risco', 'Tendências']);
  });

  it('shows an agent only the trends, and refuses the customers at risk', () => {
    renderAs('agent');
    expect(screen.getByRole('heading', { name: 'Página de tendências' })).toBeInTheDocument();
    expect(tabNames()).toEqual(['Tendências']);
  });

  it('refuses an agent who opens the customers at risk by its address', () => {
    renderAs('agent', '/insights/clientes-em-risco');
    expect(screen.getByRole('heading', { name: 'Acesso negado' })).toBeInTheDocument();
    expect(screen.getByText('Clientes em risco')).toBeInTheDocument();
  });

  it('shows finance only the customers at risk', () => {
    renderAs('finance');
    expect(screen.getByRole('heading', { name: 'Página de risco' })).toBeInTheDocument();
    expect(tabNames()).toEqual(['Clientes em risco']);
  });
});
