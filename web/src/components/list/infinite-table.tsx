import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { HorizontalScroll } from '@/components/ui/horizontal-scroll';
import { PageSpinner } from '@/components/ui/spinner';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

/** One column of a list: its header and how a row fills its cell. */
export type Column<T> = {
  /** Stable React key of the column. */
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Money and counts line up on the right. */
  align?: 'right';
  /** Extra classes of the cell (`whitespace-nowrap`, colours). */
  className?: string;
  /** Leaves the column out (the customer column on the customer's own page). */
  hidden?: boolean;
};

/** A page of a cursor-paginated list endpoint (`CustomerPage`, `PaymentPage`…). */
export type CursorPage<T> = { items: T[]; next_cursor?: string | null };

type InfiniteTableProps<T> = {
  /** The list's infinite query (its pages hold `items` and `next_cursor`). */
  query: UseInfiniteQueryResult<InfiniteData<CursorPage<T>, unknown>>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  /** Names the table for screen readers (and the e2e tests: `getByRole('table', { name })`). */
  caption: string;
  /** "Carregando propostas…". */
  loadingLabel: string;
  /** "Não foi possível carregar as propostas". */
  errorTitle: string;
  /** What an empty list says: "nothing yet" with a way to start, or "nothing matches these filters". */
  emptyText: ReactNode;
  /** Tailwind min-width of the table, so narrow screens scroll instead of squeezing. */
  minWidth?: string;
  rowClassName?: string;
};

/**
 * A list page's table: declared columns, "Carregar mais" for the next cursor
 * page, a spinner on the first load, and pt-BR empty and error states (the
 * error one with "Tentar novamente"). What the list is about lives in the
 * columns and texts; how a list behaves lives here once.
 */
export function InfiniteTable<T>({
  query,
  columns,
  rowKey,
  caption,
  loadingLabel,
  errorTitle,
  emptyText,
  minWidth = 'min-w-[44rem]',
  rowClassName,
}: InfiniteTableProps<T>) {
  if (query.isPending) return <PageSpinner label={loadingLabel} />;
  // A failed first load has nothing to show; a failed "Carregar mais" keeps the rows already read.
  if (query.isError && !query.data) {
    return (
      <div className="p-4">
        <Alert title={errorTitle}>
          <p>{problemMessage(query.error)}</p>
          <RetryButton query={query} />
        </Alert>
      </div>
    );
  }
  const rows = query.data.pages.flatMap((page) => page.items);
  const shown = columns.filter((column) => !column.hidden);
  return (
    <div>
      {rows.length === 0 ? (
        <div role="status" className="p-6 text-center text-sm text-slate-600">
          {emptyText}
        </div>
      ) : (
        <HorizontalScroll>
          <table className={cn('w-full text-left text-sm', minWidth)}>
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                {shown.map((column) => (
                  <th key={column.key} scope="col" className={cn('px-4 py-3 font-medium', column.align === 'right' && 'text-right')}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={rowKey(row)} className={cn('hover:bg-slate-50', rowClassName)}>
                  {shown.map((column) => (
                    <td key={column.key} className={cn('px-4 py-3', column.align === 'right' && 'text-right', column.className)}>
                      {column.cell(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </HorizontalScroll>
      )}
      {/* With rows on screen: "Carregar mais" failed (it tries again), or refreshing them did. */}
      {query.isError && (
        <div className="p-4">
          <Alert title={errorTitle}>
            <p>{problemMessage(query.error)}</p>
            {query.isRefetchError && <RetryButton query={query} />}
          </Alert>
        </div>
      )}
      {query.hasNextPage && (
        <div className="border-t border-slate-200 p-4 text-center">
          <Button variant="secondary" onClick={() => void query.fetchNextPage()} isLoading={query.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </div>
  );
}

function RetryButton({ query }: { query: Pick<UseInfiniteQueryResult, 'refetch' | 'isRefetching'> }) {
  return (
    <Button variant="secondary" size="sm" className="mt-3" onClick={() => void query.refetch()} isLoading={query.isRefetching}>
      Tentar novamente
    </Button>
  );
}
