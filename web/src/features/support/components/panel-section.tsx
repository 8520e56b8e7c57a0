import { useId, type ReactNode } from 'react';

/** A block of the ticket's side panel, named by its heading (a region screen readers can jump to). */
export function PanelSection({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="space-y-2 border-b border-slate-200 px-4 py-3">
      <div className="flex items-center justify-between gap-2">
        <h3 id={id} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
          {title}
        </h3>
        {action}
      </div>
      {children}
    </section>
  );
}
