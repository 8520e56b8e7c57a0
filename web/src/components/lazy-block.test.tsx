import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { lazyBlock } from './lazy-block';

function Greeting({ name }: { name: string }) {
  return <p>Olá, {name}</p>;
}

describe('lazyBlock', () => {
  it('shows a spinner while the chunk loads, then the block with its props', async () => {
    let resolve!: (module: { default: typeof Greeting }) => void;
    const Block = lazyBlock('Saudação', () => new Promise<{ default: typeof Greeting }>((r) => (resolve = r)));
    render(<Block name="Ana" />);
    expect(screen.getByRole('status')).toHaveTextContent('Carregando…');
    resolve({ default: Greeting });
    expect(await screen.findByText('Olá, Ana')).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('leaves a note in its place when the chunk cannot load, not the page’s error screen', async () => {
    const Block = lazyBlock<{ name: string }>('Vendas', () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    render(
      <div>
        <h1>Atendimento</h1>
        <Block name="Ana" />
      </div>,
    );
    expect(await screen.findByText('Não foi possível carregar “Vendas”. Recarregue a página.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Atendimento' })).toBeInTheDocument();
  });
});
