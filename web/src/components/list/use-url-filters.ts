import { useCallback, useEffect, useRef, useState } from 'react';
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
  const inUrl = params.get(key) ?? '';
  const [input, setInput] = useState(inUrl);
  const query = useDebouncedValue(normalize(input), delay);
  // When something else changes the URL's text (a link such as the global
  // search's, "back"), the box follows it; the URL catching up with what was
  // typed is not such a change.
  const [seen, setSeen] = useState(inUrl);
  if (inUrl !== seen) {
    setSeen(inUrl);
    if (inUrl !== query) setInput(inUrl);
  }
  // Written when the typed text changes, not again on every change of the
  // URL's other params (which would put back a text the URL just replaced).
  const written = useRef<string | null>(null);
  useEffect(() => {
    if (written.current === query) return;
    written.current = query;
    setFilter(key, query);
  }, [key, query, setFilter]);
  return { input, setInput, query };
}

/** A URL value as one of the allowed ones, or '' (a stale or hand-edited link shows the unfiltered list). */
export function oneOf<T extends string>(allowed: readonly T[], value: string): T | '' {
  return (allowed as readonly string[]).includes(value) ? (value as T) : '';
}
