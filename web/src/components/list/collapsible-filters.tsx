import { useId, useState, type ReactNode } from 'react';

import { cn } from '@/lib/cn';

type CollapsibleFiltersProps = {
  /** The search box: always on screen. */
  search: ReactNode;
  /** The other filters (situation, owner, dates…): behind "Filtros" on phones, in the row from `sm` up. */
  children: ReactNode;
  /** How many of them are set, shown on the button so a hidden filter is never a surprise. */
  activeCount: number;
  /** The row's layout from `sm` up (its grid); the filters join it as if they were its own children. */
  className?: string;
  /** How the filters lay out from `sm` up when they are not simply cells of the row (`sm:block sm:space-y-3`). */
  panelClassName?: string;
};

/**
 * A list's filter bar. On a phone a list should open on its results, not on
 * a screen of selects: the search stays, the rest folds behind "Filtros"
 * (with the count of filters in use). From `sm` up nothing changes: the
 * filters sit in the row as before.
 */
export function CollapsibleFilters({ search, children, activeCount, className, panelClassName = 'sm:contents' }: CollapsibleFiltersProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className={className}>
      {search}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className={cn(
          'inline-flex h-9 items-center justify-self-start rounded-md px-3 text-sm font-medium ring-1 ring-inset sm:hidden',
          activeCount > 0 ? 'bg-indigo-50 text-indigo-900 ring-indigo-300' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
        )}
      >
        Filtros{activeCount > 0 && ` (${activeCount})`}
        <span aria-hidden="true" className="ml-1">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div id={panelId} className={cn(open ? 'grid gap-3' : 'hidden', panelClassName)}>
        {children}
      </div>
    </div>
  );
}
