import type { ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

/** A rounded status label; the caller picks its colours. */
export function StatusPill({ className, children }: { className: string; children: ReactNode }) {
  return (
    <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', className)}>
      {children}
    </span>
  );
}

/** The parts of an infinite query a log reads: pages of items, loading, error, more. */
type PagedLog<T> = {
  data?: { pages: { items: T[] }[] };
  isPending: boolean;
  isError: boolean;
  error: unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
};

type LogTableProps<T> = {
  log: PagedLog<T>;
  /** What the table is, for screen readers. */
  caption: string;
  /** Column headings; the last one is the row's actions, read only by screen readers. */
  columns: string[];
  /** A Tailwind min-width for the table, e.g. `min-w-[40rem]`. */
  minWidth: string;
  loadingLabel: string;
  errorTitle: string;
  empty: ReactNode;
  row: (item: T) => ReactNode;
};

/**
 * A paged log of deliveries or received events (webhooks in and out): the
 * table, its loading, error and empty states, and "Carregar mais".
 */
export function LogTable<T>({ log, caption, columns, minWidth, loadingLabel, errorTitle, empty, row }: LogTableProps<T>) {
  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {log.isPending ? (
        <PageSpinner label={loadingLabel} />
      ) : log.isError ? (
        <Alert title={errorTitle}>{problemMessage(log.error)}</Alert>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className={cn('w-full text-left text-sm', minWidth)}>
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                {columns.map((label, i) =>
                  i === columns.length - 1 ? (
                    <th key={label} scope="col" className="px-3 py-2 text-right font-medium">
                      <span className="sr-only">{label}</span>
                    </th>
                  ) : (
                    <th key={label} scope="col" className="px-3 py-2 font-medium">
                      {label}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">{items.map(row)}</tbody>
          </table>
        </div>
      )}
      {log.hasNextPage && (
        <div className="text-center">
          <Button variant="secondary" size="sm" onClick={() => log.fetchNextPage()} isLoading={log.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </>
  );
}
