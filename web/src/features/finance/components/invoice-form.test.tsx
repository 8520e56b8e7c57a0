import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import type { CustomerPickerProps } from './customer-picker-slot';
import { InvoiceForm } from './invoice-form';

/** A stand-in for the CRM picker the app hands in. */
function FakePicker({ label, value, error }: CustomerPickerProps) {
  return (
    <div>
      <span>{label}</span>
      <span data-testid="picked">{value?.name ?? ''}</span>
      {error && <p>{error}</p>}
    </div>
  );
}

function setup(fetchMock: ReturnType<typeof vi.fn>) {
  vi.stubGlobal('fetch', fetchMock);
  const onCreated = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(
    <InvoiceForm
      customer={{ id: 'c1', name: 'Padaria Pão Quente' }}
      dueInDays={5}
      renderCustomerPicker={(props) => <FakePicker {...props} />}
      onCreated={onCreated}
      onCancel={() => {}}
    />,
  );
  return { user, onCreated };
}

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('InvoiceForm', () => {
  it('checks the items before sending and shows live totals', async () => {
    const fetchMock = vi.fn();
    const { user } = setup(fetchMock);
    const item = screen.getByRole('group', { name: 'Item 1' });
    await user.click(screen.getByRole('button', { name: 'Emitir fatura' }));
    expect(await within(item).findByText('Descreva o item.')).toBeInTheDocument();
    expect(within(item).getByText('Informe o preço, maior que zero (ex. 1.234,56).')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(within(item).getByLabelText(/^Quantidade/), '{Backspace}3');
    await user.type(within(item).getByLabelText(/^Preço unitário/), '10,10');
    expect(screen.getByTestId('total')).toHaveTextContent(/R\$\s30,30/);
  });

  it('saves a draft and puts the server field errors (items[0].unit_price_cents) next to their fields', async () => {
    const fetchMock = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            type: 'about:blank',
            title: 'Dados inválidos',
            status: 422,
            detail: 'Alguns dados são inválidos.',
            errors: [
              { field: 'items[0].unit_price_cents', message: 'O preço deve ser maior que zero.' },
              { field: 'due_date', message: 'O vencimento não pode ser antes da emissão.' },
            ],
          }),
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    );
    const { user, onCreated } = setup(fetchMock);
    const item = screen.getByRole('group', { name: 'Item 1' });
    await user.type(within(item).getByLabelText(/^Descrição/), 'Consultoria');
    await user.type(within(item).getByLabelText(/^Preço unitário/), '150');
    await user.click(screen.getByRole('button', { name: 'Salvar como rascunho' }));

    expect(await within(item).findByText('O preço deve ser maior que zero.')).toBeInTheDocument();
    expect(within(item).getByLabelText(/^Preço unitário/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('O vencimento não pode ser antes da emissão.')).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();

    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/invoices');
    const body = JSON.parse(String(init.body));
    expect(body).toMatchObject({
      customer_id: 'c1',
      draft: true,
      discount_cents: 0,
      items: [{ description: 'Consultoria', quantity: 1, unit_price_cents: 15_000 }],
    });
  });
});
