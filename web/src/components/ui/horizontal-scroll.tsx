import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

/** Items (marked `data-scroll-label`) whose right edge is past the visible right edge, with their labels. */
export function itemsPastRightEdge(viewport: { right: number }, items: { right: number; label: string }[], tolerance = 8) {
  return items.filter((item) => item.right > viewport.right + tolerance);
}

type Overflow = { scrollable: boolean; left: boolean; right: boolean; hidden: string[] };

const NONE: Overflow = { scrollable: false, left: false, right: false, hidden: [] };

function readOverflow(element: HTMLElement): Overflow {
  const max = element.scrollWidth - element.clientWidth;
  if (max <= 1) return NONE;
  const viewport = element.getBoundingClientRect();
  const items = Array.from(element.querySelectorAll<HTMLElement>('[data-scroll-label]')).map((item) => ({
    right: item.getBoundingClientRect().right,
    label: item.dataset.scrollLabel ?? '',
  }));
  return {
    scrollable: true,
    left: element.scrollLeft > 1,
    right: element.scrollLeft < max - 1,
    hidden: itemsPastRightEdge(viewport, items).map((item) => item.label),
  };
}

type HorizontalScrollProps = {
  children: ReactNode;
  /** Classes of the scrolling box (its padding). */
  className?: string;
  /** Classes of the frame around it that holds the fades (negative margins to reach the screen's edge). */
  frameClassName?: string;
  /** Names the box for assistive technology (a kanban board). */
  label?: string;
  role?: 'group' | 'region';
  /**
   * Shows a button above the box naming what is out of view — the
   * labels of the items marked `data-scroll-label` — that scrolls to them:
   * "→ Ganho / Perdido" on the kanban. Without it only the fade shows.
   */
  showHint?: boolean;
  /** The hint's words for the labels out of view (joined with " / " by default). */
  formatHint?: (hidden: string[]) => string;
};

const joinLabels = (hidden: string[]) => hidden.join(' / ');

/**
 * A box that scrolls sideways inside its card instead of widening the page,
 * with a fade on each edge that has more content, so a cut-off table or
 * board reads as "there is more this way".
 */
export function HorizontalScroll({ children, className, frameClassName, label, role, showHint = false, formatHint = joinLabels }: HorizontalScrollProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflow, setOverflow] = useState<Overflow>(NONE);

  const measure = useCallback(() => {
    const element = ref.current;
    if (!element) return;
    const next = readOverflow(element);
    setOverflow((current) =>
      current.scrollable === next.scrollable &&
      current.left === next.left &&
      current.right === next.right &&
      current.hidden.join('\n') === next.hidden.join('\n')
        ? current
        : next,
    );
  }, []);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    measure();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    // A label changes without a resize (a card dropped in "Ganho" makes it "Ganho (1)").
    const labels = typeof MutationObserver === 'function' ? new MutationObserver(measure) : null;
    labels?.observe(element, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-scroll-label'] });
    window.addEventListener('resize', measure);
    return () => {
      observer?.disconnect();
      labels?.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [measure]);

  const scrollToHidden = () => {
    const element = ref.current;
    if (!element) return;
    const viewport = element.getBoundingClientRect();
    const hidden = Array.from(element.querySelectorAll<HTMLElement>('[data-scroll-label]'))
      .map((item) => item.getBoundingClientRect())
      .filter((rect) => rect.right > viewport.right + 8);
    const first = hidden[0];
    const last = hidden[hidden.length - 1];
    if (!first || !last) {
      element.scrollTo({ left: element.scrollWidth, behavior: 'smooth' });
      return;
    }
    // All of them when they fit the box (Ganho and Perdido at 1366 px), else the next one.
    const target = last.right - first.left <= viewport.width ? last : first;
    element.scrollTo({ left: element.scrollLeft + target.right - viewport.right + 16, behavior: 'smooth' });
  };

  return (
    <div>
      {/* Above the box, not over it: nothing is covered, and the row stays while scrolling (only the button fades). */}
      {showHint && overflow.scrollable && (
        <div className="mb-2 flex justify-end">
          <button
            type="button"
            onClick={scrollToHidden}
            disabled={!overflow.right}
            className={cn(
              'rounded-full bg-slate-800 px-3 py-1 text-xs font-medium text-white shadow-sm transition-opacity hover:bg-slate-900',
              overflow.right ? 'opacity-100' : 'invisible opacity-0',
            )}
          >
            → {overflow.hidden.length > 0 ? formatHint(overflow.hidden) : 'Mais à direita'}
          </button>
        </div>
      )}
      <div className={cn('relative', frameClassName)}>
        <div ref={ref} role={role} aria-label={label} onScroll={measure} className={cn('relative overflow-x-auto', className)}>
          {children}
        </div>
        <div
          aria-hidden="true"
          data-edge="left"
          className={cn(
            'pointer-events-none absolute inset-y-0 left-0 w-8 bg-gradient-to-r from-slate-900/10 to-transparent transition-opacity',
            overflow.left ? 'opacity-100' : 'opacity-0',
          )}
        />
        <div
          aria-hidden="true"
          data-edge="right"
          className={cn(
            'pointer-events-none absolute inset-y-0 right-0 w-10 bg-gradient-to-l from-slate-900/15 to-transparent transition-opacity',
            overflow.right ? 'opacity-100' : 'opacity-0',
          )}
        />
      </div>
    </div>
  );
}
