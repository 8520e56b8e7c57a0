import { render, screen, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { SectionTabs } from './section-tabs';

const TABS = [
  { to: '/financeiro', label: 'Painel', end: true },
  { to: '/financeiro/faturas', label: 'Faturas' },
];

function renderAt(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/financeiro" element={<SectionTabs label="Financeiro" tabs={TABS} leading={<a href="/">Início</a>} />}>
          <Route index element={<p>painel</p>} />
          <Route path="faturas/*" element={<p>faturas</p>} />
        </Route>
      </Routes>
    </MemoryRouter>,
  );
}

describe('SectionTabs', () => {
  it('marks the current page and shows it below the tabs', () => {
    renderAt('/financeiro/faturas/123');
    const nav = screen.getByRole('navigation', { name: 'Financeiro' });
    expect(within(nav).getByRole('link', { name: 'Faturas' })).toHaveAttribute('aria-current', 'page');
    // `end`: the section's index is not current on its sub-pages.
    expect(within(nav).getByRole('link', { name: 'Painel' })).not.toHaveAttribute('aria-current');
    expect(within(nav).getByRole('link', { name: 'Início' })).toBeInTheDocument();
    expect(screen.getByText('faturas')).toBeInTheDocument();
  });

  it('marks the index tab on the index page', () => {
    renderAt('/financeiro');
    expect(screen.getByRole('link', { name: 'Painel' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByText('painel')).toBeInTheDocument();
  });
});
