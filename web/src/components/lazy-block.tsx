import { lazy, Suspense, type FunctionComponent, type ReactNode } from 'react';

import { Spinner } from '@/components/ui/spinner';

/**
 * A block of a page whose code is its own chunk, loaded when the block is
 * first shown (another feature's panel on a ticket, say), so the page's cold
 * load does not carry it. A spinner stands in while it loads; a chunk that
 * cannot load (the network, or a deploy replaced it) leaves a short note in
 * the block's place instead of the page's error screen.
 */
export function lazyBlock<P extends object>(
  name: string,
  load: () => Promise<{ default: (props: P) => ReactNode }>,
): (props: P) => ReactNode {
  const Block = lazy<FunctionComponent<P>>(() =>
    load().catch(() => ({
      default: function Unavailable() {
        return (
          <p className="border-b border-slate-200 px-4 py-3 text-xs text-slate-600">
            Não foi possível carregar “{name}”. Recarregue a página.
          </p>
        );
      },
    })),
  );
  return function LazyBlock(props: P) {
    return (
      <Suspense
        fallback={
          <div className="border-b border-slate-200 px-4 py-3 text-indigo-700">
            <Spinner size="sm" label="Carregando…" />
          </div>
        }
      >
        <Block {...props} />
      </Suspense>
    );
  };
}
