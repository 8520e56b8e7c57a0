import { queryOptions, useQuery } from '@tanstack/react-query';

import type { SearchResults } from '@/lib/api/models';
import { api } from '@/lib/api-client';

/** The server refuses fewer (422) or more characters; the palette asks for more first. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_MAX_LENGTH = 100;

/** Whether `q` (trimmed) is long enough to be sent: counted in characters, as the server counts. */
export const isSearchable = (q: string) => {
  const length = [...q.trim()].length;
  return length >= SEARCH_MIN_LENGTH && length <= SEARCH_MAX_LENGTH;
};

export const searchQueryKey = ['search'] as const;

/** Everything of the company that matches `q` (accents and capitals ignored), grouped, for the role's areas. */
export const getSearch = (q: string, signal?: AbortSignal) => api.get<SearchResults>('/search', { query: { q }, signal });

// One cache entry per text: an answer lands only under the text it was asked
// for, and a request whose text was replaced (no one observes it any more) is
// aborted through its signal — an older, slower answer never shows.
export const searchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: [...searchQueryKey, q],
    queryFn: ({ signal }) => getSearch(q, signal),
    // Typing back to a text just searched shows its answer at once (asked again after 10 s, behind it).
    staleTime: 10_000,
    gcTime: 60_000,
  });

export const useGlobalSearch = (q: string) => useQuery({ ...searchQueryOptions(q), enabled: isSearchable(q) });
