import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { ApiError, fallbackProblem } from '@/lib/problem';
import { renderWithProviders } from '@/testing/render';

import { InfiniteTable, type Column, type CursorPage } from './infinite-table';

type Row = { id: string; name: string; total: number };
type Fetch = (cursor: string | null) => Promise<CursorPage<Row>>;

const columns: Column<Row>[] = [
  { key: 'name', header: 'Nome', cell: (row) => row.name },
  { key: 'total', header: 'Total', align: 'right', cell: (row) => String(row.total) },
  { key: 'secret', header: 'Oculta', hidden: true, cell: () => 'não aparece' },
];

function List({ fetchPage }: { fetchPage: Fetch }) {
  const query = useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: ['rows'],
      queryFn: ({ pageParam }) => fetchPage(pageParam),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.next_cursor ?? undefined,
    }),
  );
  return (
    <InfiniteTable
      query={query}
      columns={columns}
      rowKey={(row) => row.id}
      caption="Linhas"
      loadingLabel="Carregando linhas…"
      errorTitle="Não foi possível carregar as linhas"
      emptyText="Nenhuma linha ainda."
    />
  );
}

const rows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);

describe('InfiniteTable', () => {
  it('shows the declared columns and reads the next cursor page with "Carregar mais"', async () => {
    const fetchPage = vi.fn<Fetch>(async (cursor) =>
      cursor === null
        ? { items: [{ id: '1', name: 'Ana', total: 10 }], next_cursor: 'c2' }
        : { items: [{ id: '2', name: 'Bruno', total: 20 }], next_cursor: null },
    );
    renderWithProviders(<List fetchPage={fetchPage} />);

    const table = await screen.findByRole('table', { name: 'Linhas' });
    expect(within(table).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['Nome', 'Total']);
    expect(rows(table)).toHaveLength(1);

    await userEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    expect(await within(table).findByText('Bruno')).toBeInTheDocument();
    expect(rows(table)).toHaveLength(2);
    expect(fetchPage).toHaveBeenLastCalledWith('c2');
    // The last page has no cursor: nothing more to load.
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).not.toBeInTheDocument();
  });

  it('says so when the list is empty', async () => {
    renderWithProviders(<List fetchPage={async () => ({ items: [], next_cursor: null })} />);
    const empty = await screen.findByText('Nenhuma linha ainda.');
    expect(empty).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Carregar mais' })).not.toBeInTheDocument();
  });

  it('shows the error in pt-BR and loads again with "Tentar novamente"', async () => {
    const fetchPage = vi
      .fn<Fetch>()
      .mockRejectedValueOnce(new ApiError(fallbackProblem(503)))
      .mockResolvedValueOnce({ items: [{ id: '1', name: 'Ana', total: 10 }], next_cursor: null });
    renderWithProviders(<List fetchPage={fetchPage} />);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Não foi possível carregar as linhas');
    expect(alert).toHaveTextContent(fallbackProblem(503).detail ?? '');

    await userEvent.click(within(alert).getByRole('button', { name: 'Tentar novamente' }));
    expect(await screen.findByRole('table', { name: 'Linhas' })).toHaveTextContent('Ana');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('keeps the rows read when "Carregar mais" fails, and tries that page again', async () => {
    const fetchPage = vi
      .fn<Fetch>()
      .mockResolvedValueOnce({ items: [{ id: '1', name: 'Ana', total: 10 }], next_cursor: 'c2' })
      .mockRejectedValueOnce(new ApiError(fallbackProblem(503)))
      .mockResolvedValueOnce({ items: [{ id: '2', name: 'Bruno', total: 20 }], next_cursor: null });
    renderWithProviders(<List fetchPage={fetchPage} />);

    const table = await screen.findByRole('table', { name: 'Linhas' });
    await userEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Não foi possível carregar as linhas');
    expect(within(table).getByText('Ana')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Carregar mais' }));
    expect(await within(table).findByText('Bruno')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchPage).toHaveBeenLastCalledWith('c2');
  });
});
