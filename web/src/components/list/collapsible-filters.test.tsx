import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { CollapsibleFilters } from './collapsible-filters';

function renderFilters(activeCount: number) {
  return render(
    <CollapsibleFilters activeCount={activeCount} search={<input aria-label="Buscar clientes" />}>
      <select aria-label="Situação" />
    </CollapsibleFilters>,
  );
}

describe('CollapsibleFilters', () => {
  it('keeps the search on screen and folds the other filters behind "Filtros" on a phone', async () => {
    renderFilters(0);
    expect(screen.getByRole('textbox', { name: 'Buscar clientes' })).toBeInTheDocument();
    const toggle = screen.getByRole('button', { name: /^Filtros/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const panel = document.getElementById(toggle.getAttribute('aria-controls') ?? '');
    // Hidden below `sm` only: from `sm` up the panel's children join the row (display: contents).
    expect(panel).toHaveClass('hidden', 'sm:contents');
    expect(panel).toContainElement(screen.getByRole('combobox', { name: 'Situação', hidden: true }));

    await userEvent.setup().click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(panel).not.toHaveClass('hidden');
  });

  it('counts the filters in use on the button', () => {
    renderFilters(2);
    expect(screen.getByRole('button', { name: /^Filtros \(2\)/ })).toBeInTheDocument();
  });
});
