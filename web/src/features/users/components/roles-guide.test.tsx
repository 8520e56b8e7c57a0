import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import { RolesGuide } from './roles-guide';

describe('RolesGuide', () => {
  it('explains every role with its purpose and the areas it opens', () => {
    renderWithProviders(<RolesGuide />);
    const guide = screen.getByRole('region', { name: 'O que cada papel pode fazer' });
    for (const label of ['Proprietário', 'Administrador', 'Gerente', 'Atendente', 'Vendedor', 'Financeiro']) {
      expect(within(guide).getByRole('list', { name: `Áreas do papel ${label}` })).toBeInTheDocument();
    }
    const agent = within(guide).getByRole('list', { name: 'Áreas do papel Atendente' });
    expect(within(agent).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Painel', 'Atendimento', 'Insights: Tendências']);
    expect(within(guide).getByText(/Atende os clientes nas conversas/)).toBeInTheDocument();
    const admin = within(guide).getByRole('list', { name: 'Áreas do papel Administrador' });
    expect(within(admin).getByText('Configurações da empresa e usuários')).toBeInTheDocument();
  });
});
