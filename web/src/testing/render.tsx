import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';

type Options = {
  route?: string;
  /** Puts data in the cache before rendering (e.g. the current user). */
  seed?: (client: QueryClient) => void;
};

/** Renders with a fresh query client (no retries) inside a memory router. */
export function renderWithProviders(ui: ReactElement, { route = '/', seed }: Options = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
  seed?.(queryClient);
  return {
    queryClient,
    ...render(
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </QueryClientProvider>,
    ),
  };
}
