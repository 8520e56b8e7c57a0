import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { PublicInvoice } from '@/lib/api/models';
import { renderWithProviders } from '@/testing/render';

import { PublicInvoiceView } from './public-invoice-view';

const TOKEN = 'tenant.invoice.mac';
const SVG = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/><script>alert(1)</script></svg>';

const invoice: PublicInvoice = {
  company_name: 'Loja Exemplo',
  company_document: 'CNPJ 11.222.333/0001-81',
  label: 'FAT-0007',
  customer_name: 'Marina Costa',
  status: 'overdue',
  issue_date: '2026-03-01',
  due_date: '2026-03-06',
  description: 'Serviços de março',
  items: [{ id: 'i1', description: 'Consultoria', quantity: 1.5, unit_price_cents: 20_000, total_cents: 30_000 }],
  subtotal_cents: 30_000,
  discount_cents: 0,
  total_cents: 30_000,
  paid_cents: 0,
  amount_due_cents: 30_700,
  fees_due_cents: 700,
  currency: 'BRL',
  pix: { payload: '00020126580014br.gov.bcb.pix0136chave6304ABCD', qr_svg: SVG, amount_cents: 30_700, source: 'static' },
  boleto_line: null,
  boleto_url: null,
  card_available: true,
};

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PublicInvoiceView', () => {
  it('shows what is due today with the fees explained, and PIX as an image plus copia e cola', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(invoice)));
    const { container } = renderWithProviders(<PublicInvoiceView token={TOKEN} />);

    expect(await screen.findByRole('heading', { level: 1, name: 'Fatura FAT-0007' })).toBeInTheDocument();
    expect(screen.getByText('Vencida')).toBeInTheDocument();
    expect(screen.getByTestId('public-amount-due')).toHaveTextContent(/R\$\s307,00/);
    expect(screen.getByText(/inclui multa e juros de mora/)).toBeInTheDocument();
    expect(screen.getByLabelText('PIX copia e cola')).toHaveValue(invoice.pix?.payload);

    const qr = screen.getByRole('img', { name: 'QR code PIX de FAT-0007' });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    // The SVG is never markup in the page.
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('svg rect')).toBeNull();
    expect(screen.getByRole('link', { name: 'Baixar PDF' })).toHaveAttribute('href', `/api/v1/public/invoices/${TOKEN}/pdf`);
  });

  it('goes to the card checkout', async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const fetchMock = vi.fn(async (url: string) => (url.endsWith('/card') ? json({ url: 'https://checkout.stripe.com/c/pay/cs_test' }) : json(invoice)));
    vi.stubGlobal('fetch', fetchMock);
    const user = userEvent.setup();
    renderWithProviders(<PublicInvoiceView token={TOKEN} />);

    await user.click(await screen.findByRole('button', { name: 'Pagar com cartão' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('https://checkout.stripe.com/c/pay/cs_test'));
    const cardCall = fetchMock.mock.calls.find(([url]) => String(url).endsWith('/card')) as unknown as [string, RequestInit];
    expect(cardCall[1].method).toBe('POST');
    expect((cardCall[1].headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('says so when paid, and offers no way to pay', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json({ ...invoice, status: 'paid', paid_cents: 30_700, amount_due_cents: 0, pix: null, card_available: false })));
    renderWithProviders(<PublicInvoiceView token={TOKEN} />);
    expect(await screen.findByText('Fatura paga')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pagar com cartão' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('PIX copia e cola')).not.toBeInTheDocument();
  });

  it('shows "Link inválido" for a wrong token', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ type: 'about:blank', title: 'Não encontrado', status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } })),
    );
    renderWithProviders(<PublicInvoiceView token="nada" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Link inválido' })).toBeInTheDocument();
  });
});
