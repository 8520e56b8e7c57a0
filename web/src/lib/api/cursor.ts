// Every list endpoint pages with an opaque cursor: the first page is asked
// for without one, and a page's `next_cursor` (null on the last page) asks
// for the next. Spread into `infiniteQueryOptions`.
export const cursorPagination = {
  initialPageParam: null as string | null,
  getNextPageParam: (lastPage: { next_cursor?: string | null }) => lastPage.next_cursor ?? undefined,
};
