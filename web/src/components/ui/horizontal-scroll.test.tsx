import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { HorizontalScroll, itemsPastRightEdge } from './horizontal-scroll';

const rect = (left: number, width: number) => ({ left, right: left + width, top: 0, bottom: 100, width, height: 100, x: left, y: 0, toJSON: () => ({}) });

/** happy-dom lays nothing out: give the box a width of 500 px over 1000 px of columns, 250 px each. */
function fakeLayout() {
  vi.spyOn(HTMLElement.prototype, 'scrollWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.getAttribute('role') === 'group' ? 1000 : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockImplementation(function (this: HTMLElement) {
    return this.getAttribute('role') === 'group' ? 500 : 0;
  });
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
    if (this.getAttribute('role') === 'group') return rect(0, 500);
    const index = Number(this.dataset.index ?? 0);
    return rect(index * 250, 250);
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

function board(won = 2) {
  return (
    <HorizontalScroll showHint role="group" label="Quadro">
      <div>
        {['Novo (3)', 'Negociação (1)', `Ganho (${won})`, 'Perdido (0)'].map((label, index) => (
          <section key={label} data-index={index} data-scroll-label={label}>
            {label}
          </section>
        ))}
      </div>
    </HorizontalScroll>
  );
}

describe('itemsPastRightEdge', () => {
  it('keeps the items whose right edge is past the visible one (a few pixels of tolerance)', () => {
    const items = [
      { right: 250, label: 'Novo' },
      { right: 505, label: 'Quase' },
      { right: 750, label: 'Ganho' },
    ];
    expect(itemsPastRightEdge({ right: 500 }, items).map((item) => item.label)).toEqual(['Ganho']);
  });
});

describe('HorizontalScroll', () => {
  it('names the columns out of view in a button that scrolls to them, and fades the right edge', async () => {
    fakeLayout();
    const scrollTo = vi.spyOn(HTMLElement.prototype, 'scrollTo').mockImplementation(() => {});
    const { container } = render(board());
    const hint = await screen.findByRole('button', { name: '→ Ganho (2) / Perdido (0)' });
    expect(container.querySelector('[data-edge="right"]')).toHaveClass('opacity-100');
    expect(container.querySelector('[data-edge="left"]')).toHaveClass('opacity-0');
    await userEvent.setup().click(hint);
    // Both fit the box: it scrolls until the last one shows whole.
    expect(scrollTo).toHaveBeenCalledWith({ left: 516, behavior: 'smooth' });
  });

  it('follows a label that changes without a resize (a card dropped in Ganho)', async () => {
    fakeLayout();
    const { rerender } = render(board());
    await screen.findByRole('button', { name: '→ Ganho (2) / Perdido (0)' });
    rerender(board(3));
    expect(await screen.findByRole('button', { name: '→ Ganho (3) / Perdido (0)' })).toBeInTheDocument();
  });

  it('shows no hint nor fade when everything fits', () => {
    const { container } = render(board());
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(container.querySelector('[data-edge="right"]')).toHaveClass('opacity-0');
  });
});
