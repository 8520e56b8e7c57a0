import { screen } from '@testing-library/react';
import { Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';

import { safeRedirect } from '@/config/paths';
import type { Me, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { renderWithProviders } from '@/testing/render';

import HomeRoute from './home';

const me = (role: Role): Me => ({
  user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 't1', name: 'ACME', trade_name: null, plan_code: 'starter' },
  signature: '',
});

function Where() {
  return <output aria-label="endereço">{useLocation().pathname}</output>;
}

describe('HomeRoute', () => {
  it.each([
    ['agent', '/atendimento'],
    ['sales', '/crm/oportunidades'],
    ['finance', '/financeiro'],
    ['owner', '/dashboard'],
    ['admin', '/dashboard'],
    ['manager', '/dashboard'],
  ] as const)('sends %s to %s', (role, path) => {
    renderWithProviders(
      <Routes>
        <Route path="/" element={<HomeRoute />} />
        <Route path="*" element={<Where />} />
      </Routes>,
      { route: '/', seed: (client) => client.setQueryData(meQueryKey, me(role)) },
    );
    expect(screen.getByRole('status', { name: 'endereço' })).toHaveTextContent(path);
  });

  it('is where a login without a deep link goes; a deep link wins', () => {
    expect(safeRedirect(null)).toBe('/');
    expect(safeRedirect('/crm/clientes/42?aba=notas')).toBe('/crm/clientes/42?aba=notas');
    expect(safeRedirect('//evil.example')).toBe('/');
  });
});
