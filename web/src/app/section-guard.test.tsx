import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import type { Me, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import type { Section } from '@/lib/authorization';
import { renderWithProviders } from '@/testing/render';

import { SectionGuard } from './section-guard';

function me(role: Role): Me {
  return {
    user: { id: 'u1', name: 'Ana', email: 'ana@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
    company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
    signature: '',
  };
}

function renderAs(role: Role, section: Section = 'settings') {
  const ui = (
    <Routes>
      <Route element={<SectionGuard section={section} />}>
        <Route path="/configuracoes/usuarios" element={<h1>Usuários</h1>} />
      </Route>
    </Routes>
  );
  const { queryClient, ...rest } = renderWithProviders(ui, { route: '/configuracoes/usuarios', seed: (client) => client.setQueryData(meQueryKey, me(role)) });
  return { queryClient, ...rest };
}

describe('SectionGuard', () => {
  it('lets an admin into the settings', () => {
    renderAs('admin');
    expect(screen.getByRole('heading', { name: 'Usuários' })).toBeInTheDocument();
  });

  it('shows "Acesso negado" to an agent', () => {
    renderAs('agent');
    expect(screen.getByRole('heading', { name: 'Acesso negado' })).toBeInTheDocument();
    expect(screen.getByText('Atendente')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Usuários' })).not.toBeInTheDocument();
  });

  it('keeps the LLM settings to owners and admins: a manager, who configures support, is refused', () => {
    renderAs('manager', 'ai_settings');
    expect(screen.getByRole('heading', { name: 'Acesso negado' })).toBeInTheDocument();
    expect(screen.getByText('Configurações de IA')).toBeInTheDocument();
  });
});
