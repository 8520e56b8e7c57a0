import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/testing/render';

import { AccessDenied } from './access-denied';

describe('AccessDenied', () => {
  it('names the section a role cannot open and leads back to the start page', () => {
    renderWithProviders(<AccessDenied role="agent" section="finance" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Acesso negado' })).toBeInTheDocument();
    expect(screen.getByText('Atendente')).toBeInTheDocument();
    expect(screen.getByText('Financeiro')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voltar ao início' })).toHaveAttribute('href', '/');
    expect(document.title).toBe('Acesso negado · ConectCRM');
  });

  it('says what a page inside an open section refuses, with the same design and its own way back', () => {
    renderWithProviders(
      <AccessDenied role="sales" back={{ to: '/crm/clientes', label: 'Voltar para clientes' }}>
        não configura o CRM.
      </AccessDenied>,
    );
    expect(screen.getByRole('heading', { level: 1, name: 'Acesso negado' })).toBeInTheDocument();
    expect(screen.getByText(/não configura o CRM\./)).toBeInTheDocument();
    expect(screen.getByText(/peça a um proprietário ou administrador/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Voltar para clientes' })).toHaveAttribute('href', '/crm/clientes');
  });
});
