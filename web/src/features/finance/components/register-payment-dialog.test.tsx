import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { RegisterPaymentDialog } from './register-payment-dialog';

const invoice = { id: 'inv-1', label: 'FAT-0001', customer_name: 'Marina', amount_due_cents: 150_000, fees_due_cents: 0 };

const payment = {
  id: 'pay-1',
  customer_id: 'c1',
  customer_name: 'Marina',
  method: 'transfer',
  amount_cents: 150_000,
  currency: 'BRL',
  received_on: '2026-03-01',
  reference: 'comprovante 42',
  gateway: null,
  gateway_payment_id: null,
  status: 'confirmed',
  review_reason: null,
  intended_invoice_id: null,
  allocations: [{ invoice_id: 'inv-1', invoice_label: 'FAT-0001', amount_cents: 150_000 }],
  credited_cents: 0,
  refunded_cents: 0,
  created_at: '2026-03-01T12:00:00Z',
};

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

describe('RegisterPaymentDialog', () => {
  it('defaults to what is due, and a retry of the same submission reuses its Idempotency-Key', async () => {
    const fetchMock = vi
      .fn()
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockResolvedValueOnce(new Response(JSON.stringify(payment), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<RegisterPaymentDialog open onClose={onClose} invoice={invoice} />);

    expect(screen.getByLabelText(/^Valor recebido/)).toHaveValue('1.500,00');
    await user.selectOptions(screen.getByLabelText(/^Forma de pagamento/), 'transfer');
    await user.type(screen.getByLabelText('Referência'), 'comprovante 42');
    await user.click(screen.getByRole('button', { name: 'Registrar pagamento' }));
    expect(await screen.findByText(/Não foi possível falar com o servidor/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Registrar pagamento' }));
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled());

    const calls = fetchMock.mock.calls as [string, RequestInit][];
    expect(calls).toHaveLength(2);
    const [url, first] = calls[0];
    expect(url).toBe('/api/v1/payments');
    expect(JSON.parse(String(first.body))).toMatchObject({
      invoice_ids: ['inv-1'],
      method: 'transfer',
      amount_cents: 150_000,
      reference: 'comprovante 42',
    });
    const key = (first.headers as Record<string, string>)['Idempotency-Key'];
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect((calls[1][1].headers as Record<string, string>)['Idempotency-Key']).toBe(key);
  });

  it('refuses an empty amount before sending', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<RegisterPaymentDialog open onClose={() => {}} invoice={invoice} />);
    await user.clear(screen.getByLabelText(/^Valor recebido/));
    await user.click(screen.getByRole('button', { name: 'Registrar pagamento' }));
    expect(await screen.findByText('Informe o valor recebido, maior que zero.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
