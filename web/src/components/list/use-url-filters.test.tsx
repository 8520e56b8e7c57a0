import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation, useNavigate, useNavigationType } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { oneOf, useUrlFilters, useUrlSearch } from './use-url-filters';

const inRouter =
  (url: string) =>
  ({ children }: { children: ReactNode }) => <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>;

afterEach(() => {
  vi.useRealTimers();
});

describe('useUrlFilters', () => {
  it('reads filters from the URL and writes them back, keeping the other params', () => {
    const { result } = renderHook(
      () => ({ filters: useUrlFilters(['situacao', 'cliente'] as const), location: useLocation() }),
      { wrapper: inRouter('/lista?situacao=paid&aba=2') },
    );
    expect(result.current.filters.values).toEqual({ situacao: 'paid', cliente: '' });

    act(() => result.current.filters.setFilter('cliente', 'c1'));
    expect(new URLSearchParams(result.current.location.search).get('cliente')).toBe('c1');
    expect(result.current.filters.values).toEqual({ situacao: 'paid', cliente: 'c1' });

    // An empty value removes the param; the unrelated one stays.
    act(() => result.current.filters.setFilter('situacao', ''));
    const params = new URLSearchParams(result.current.location.search);
    expect(params.has('situacao')).toBe(false);
    expect(params.get('aba')).toBe('2');
    expect(result.current.filters.values.situacao).toBe('');

    act(() => result.current.filters.setFilter('situacao', 'open'));
    act(() => result.current.filters.clearFilters());
    expect(result.current.filters.values).toEqual({ situacao: '', cliente: '' });
    expect(result.current.location.search).toBe('?aba=2');
  });

  it('replaces the history entry instead of adding one per change', () => {
    const { result } = renderHook(
      () => ({ filters: useUrlFilters(['situacao']), location: useLocation(), navigation: useNavigationType() }),
      { wrapper: inRouter('/lista') },
    );
    act(() => result.current.filters.setFilter('situacao', 'open'));
    expect(result.current.location.search).toBe('?situacao=open');
    expect(result.current.navigation).toBe('REPLACE');
  });
});

describe('useUrlSearch', () => {
  it('starts from the URL and writes the trimmed text once typing pauses', async () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => ({ search: useUrlSearch(), location: useLocation() }), {
      wrapper: inRouter('/lista?q=ana&situacao=paid'),
    });
    expect(result.current.search.input).toBe('ana');
    expect(result.current.search.query).toBe('ana');

    act(() => result.current.search.setInput('  bruno '));
    expect(result.current.search.input).toBe('  bruno ');
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('ana');

    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    expect(result.current.search.query).toBe('bruno');
    const params = new URLSearchParams(result.current.location.search);
    expect(params.get('q')).toBe('bruno');
    expect(params.get('situacao')).toBe('paid');

    act(() => result.current.search.setInput(''));
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    expect(new URLSearchParams(result.current.location.search).has('q')).toBe(false);
  });
});

describe('useUrlSearch following the URL', () => {
  it('takes the text of a link opened while the list is on screen, and keeps it in the URL', async () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => ({ search: useUrlSearch(), location: useLocation(), navigate: useNavigate() }), {
      wrapper: inRouter('/lista?q=ana&visao=all'),
    });
    // The global search opens the same list for another text.
    act(() => {
      void result.current.navigate('/lista?visao=all&q=Cl%C3%ADnica');
    });
    expect(result.current.search.input).toBe('Clínica');
    // The old text is not written back over the link's.
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('Clínica');
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    expect(result.current.search.query).toBe('Clínica');
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('Clínica');

    // A link without a text empties the box.
    act(() => {
      void result.current.navigate('/lista?visao=all');
    });
    expect(result.current.search.input).toBe('');
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    expect(result.current.search.query).toBe('');
    expect(result.current.location.search).toBe('?visao=all');
  });

  it('does not take back what is being typed when the URL catches up with the text before it', async () => {
    vi.useFakeTimers();
    const { result } = renderHook(() => ({ search: useUrlSearch(), location: useLocation() }), { wrapper: inRouter('/lista') });
    act(() => result.current.search.setInput('bru'));
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    act(() => result.current.search.setInput('brun'));
    await act(async () => {
      vi.advanceTimersByTime(100);
    });
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('bru');
    expect(result.current.search.input).toBe('brun');
    await act(async () => {
      vi.advanceTimersByTime(300);
    });
    expect(new URLSearchParams(result.current.location.search).get('q')).toBe('brun');
    expect(result.current.search.input).toBe('brun');
  });
});

describe('oneOf', () => {
  it('keeps an allowed value and drops anything else', () => {
    const statuses = ['open', 'paid'] as const;
    expect(oneOf(statuses, 'paid')).toBe('paid');
    expect(oneOf(statuses, 'hacked')).toBe('');
    expect(oneOf(statuses, '')).toBe('');
  });
});
