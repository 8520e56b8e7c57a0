import type { ReactNode } from 'react';

import { Spinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';

export type Suggestion = { id: string; primary: string; secondary?: string };

/** The list under the composer for "/atalho" and "@nome" (the textarea keeps the focus and drives it). */
export function ComposerSuggestions({
  id,
  label,
  items,
  active,
  loading,
  emptyText,
  onChoose,
  onHover,
  footer,
}: {
  id: string;
  label: string;
  items: Suggestion[];
  active: number;
  loading?: boolean;
  emptyText: string;
  onChoose: (index: number) => void;
  onHover: (index: number) => void;
  /** Under the list (the filled text of the canned response in focus). */
  footer?: ReactNode;
}) {
  return (
    <div className="absolute bottom-full left-0 z-20 mb-1 w-full max-w-md overflow-hidden rounded-md bg-white text-sm shadow-lg ring-1 ring-slate-200">
      <ul id={id} role="listbox" aria-label={label} className="max-h-64 overflow-auto py-1">
        {loading && items.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-slate-500">
            <Spinner size="sm" label="Buscando…" />
          </li>
        ) : items.length === 0 ? (
          <li role="presentation" className="px-3 py-2 text-slate-500">
            {emptyText}
          </li>
        ) : (
          items.map((item, index) => (
            <li
              key={item.id}
              id={`${id}-${index}`}
              role="option"
              aria-selected={index === active}
              className={cn('cursor-pointer px-3 py-2', index === active ? 'bg-indigo-50 text-indigo-900' : 'text-slate-800')}
              // mousedown, not click: the textarea must keep the focus.
              onMouseDown={(event) => {
                event.preventDefault();
                onChoose(index);
              }}
              onMouseEnter={() => onHover(index)}
            >
              <span className="font-medium">{item.primary}</span>
              {item.secondary && <span className="mt-0.5 block truncate text-xs text-slate-500">{item.secondary}</span>}
            </li>
          ))
        )}
      </ul>
      {footer}
    </div>
  );
}
