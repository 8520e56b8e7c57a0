import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

import { useDebouncedValue } from '@/lib/use-debounced-value';

/**
 * A list's filters kept in the URL's search params, so "back", a reload or a
 * shared link shows the same list. `values` holds each named param ('' when
 * absent); `setFilter` writes one (an empty value removes it) and keeps every
 * other param, replacing the history entry rather than adding one per click;
 * `clearFilters` removes them all.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  // A new object each render: build query filters from its fields (strings), not from the object.
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const setFilter = useCallback(
    (key: K, value: string) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  /** Removes every one of these filters at once (one history entry, like the others). */
  const clearFilters = useCallback(
    () =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const key of keys) next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [keys, setParams],
  );
  return { values, setFilter, clearFilters };
}

/**
 * A search box whose text reaches the URL (param `key`, default `q`) once
 * typing pauses for `delay` ms. `input` and `setInput` drive the field;
 * `query` is the normalised (by default trimmed), debounced text to filter
 * with ('' for none).
 */
export function useUrlSearch(key = 'q', { delay = 300, normalize = (text: string) => text.trim() } = {}) {
  const [params] = useSearchParams();
  const { setFilter } = useUrlFilters([key]);
  const [input, setInput] = useState(() => params.get(key) ?? '');
  const query = useDebouncedValue(normalize(input), delay);
  useEffect(() => {
    setFilter(key, query);
  }, [key, query, setFilter]);
  return { input, setInput, query };
}

/** A URL value as one of the allowed ones, or '' (a stale or hand-edited link shows the unfiltered list). */
export function oneOf<T extends string>(allowed: readonly T[], value: string): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}
