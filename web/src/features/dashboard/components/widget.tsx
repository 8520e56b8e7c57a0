import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { downloadCsv, type CsvCell } from '@/lib/csv';

/** A widget's data as a spreadsheet: its file name (without ".csv") and rows, the first one the header. */
export type CsvExport = { filename: string; rows: CsvCell[][] };

/**
 * One box of the dashboard: a heading, an "Exportar CSV" button that
 * downloads the box's own numbers, an optional link to the list behind them,
 * and the content.
 */
export function Widget({
  title,
  description,
  csv,
  link,
  className,
  children,
}: {
  title: string;
  description?: ReactNode;
  /** Built on click, from the data on screen. */
  csv?: () => CsvExport;
  link?: { to: string; label: string };
  className?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={cn('flex min-w-0 flex-col rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-5', className)}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-base font-semibold text-slate-900">
            {title}
          </h3>
          {description && <p className="text-sm text-slate-600">{description}</p>}
        </div>
        <div className="flex shrink-0 flex-wrap items-center gap-2">
          {link && (
            <Link to={link.to} className="text-sm font-medium text-indigo-800 hover:underline">
              {link.label}
            </Link>
          )}
          {csv && (
            <Button
              variant="secondary"
              size="sm"
              aria-label={`Exportar CSV de ${title}`}
              onClick={() => {
                const { filename, rows } = csv();
                downloadCsv(filename, rows);
              }}
            >
              Exportar CSV
            </Button>
          )}
        </div>
      </div>
      {children}
    </section>
  );
}

/** What a widget says when its period has nothing: "Nenhuma conversa neste período". */
export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="flex min-h-24 flex-1 items-center justify-center rounded-lg bg-slate-50 px-4 py-6 text-center text-sm text-slate-600">
      {children}
    </p>
  );
}
