import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Invoice, InvoiceStatus, Me, Message } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { useSession } from '@/lib/session';
import { renderWithProviders } from '@/testing/render';

import { TicketInvoices } from './ticket-invoices';

const me: Me = {
  user: { id: 'u-me', name: 'Dona Sônia', email: 'sonia@example.com', role: 'owner', active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'co1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
};

function makeInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    id: 'inv1',
    number: 1,
    label: 'FAT-0001',
    customer_id: 'c1',
    customer_name: 'Maria Silva',
    description: 'Implantação',
    status: 'open',
    issue_date: '2026-11-01',
    due_date: '2026-12-10',
    items: [],
    subtotal_cents: 35_000,
    discount_cents: 0,
    total_cents: 35_000,
    paid_cents: 0,
    refunded_cents: 0,
    late_fee_cents: 0,
    fees_due_cents: 0,
    amount_due_cents: 35_000,
    currency: 'BRL',
    created_at: '2026-11-01T12:00:00Z',
    ...overrides,
  } as Invoice;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  new Response(JSON.stringify({ type: 'about:blank', title: detail, status, detail, errors }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

type Handler = (url: string, init: RequestInit) => Response | undefined;

/** Answers the list per status (from `invoices`) and hands every other call to `handle`. */
function stubApi({ invoices = [], handle }: { invoices?: Invoice[]; handle?: Handler }) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    calls.push({ method, url, body: init.body ? JSON.parse(String(init.body)) : null });
    const handled = handle?.(url, init);
    if (handled) return handled;
    if (method === 'GET' && url.startsWith('/api/v1/invoices?')) {
      const status = new URL(url, 'http://x').searchParams.get('status') as InvoiceStatus;
      return json({ items: invoices.filter((invoice) => invoice.status === status), next_cursor: null });
    }
    return problem(404, 'Não encontrado.');
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const render = (onSentInChat?: (message: Message) => void) =>
  renderWithProviders(<TicketInvoices ticketId="t1" customerId="c1" onSentInChat={onSentInChat} />, {
    seed: (client) => client.setQueryData(meQueryKey, me),
  });

beforeEach(() => {
  useSession.getState().setTokens({ access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 });
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.getState().clear();
});

/** The server's 409 on WhatsApp past the 24-hour window when the channel names no approved template. */
const WINDOW_CLOSED =
  'Passaram-se mais de 24 horas desde a última mensagem do cliente: o WhatsApp só permite um modelo aprovado. ' +
  'Cadastre o modelo aprovado para faturas no canal (Configurações → Canais) ou envie um modelo pedindo que ele responda.';

describe('TicketInvoices', () => {
  it("lists the customer's open, partially paid and overdue invoices by due date with the amount due today", async () => {
    const calls = stubApi({
      invoices: [
        makeInvoice(),
        makeInvoice({ id: 'inv2', number: 2, label: 'FAT-0002', status: 'overdue', due_date: '2026-11-05', amount_due_cents: 10_234 }),
        makeInvoice({ id: 'inv3', number: 3, label: 'FAT-0003', status: 'partially_paid', due_date: '2026-12-20', amount_due_cents: 5_000 }),
        makeInvoice({ id: 'inv4', number: 4, label: 'FAT-0004', status: 'paid' }),
      ],
    });
    render();

    const list = await screen.findByRole('list', { name: 'Faturas em aberto' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByRole('link', { name: 'FAT-0002' })).toHaveAttribute('href', '/financeiro/faturas/inv2');
    expect(within(rows[0]).getByText('Vencida')).toBeInTheDocument();
    expect(within(rows[0]).getByText('Vencimento 05/11/2026')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/R\$\s102,34/)).toBeInTheDocument();
    expect(within(rows[1]).getByText('Em aberto')).toBeInTheDocument();
    expect(within(rows[1]).getByText(/R\$\s350,00/)).toBeInTheDocument();
    expect(within(rows[2]).getByText('Parcialmente paga')).toBeInTheDocument();
    for (const row of rows) expect(within(row).getByRole('button', { name: 'Enviar no chat' })).toBeInTheDocument();

    expect(calls.filter((c) => c.method === 'GET').map((c) => c.url)).toEqual(
      expect.arrayContaining([
        '/api/v1/invoices?customer_id=c1&status=open&limit=50',
        '/api/v1/invoices?customer_id=c1&status=partially_paid&limit=50',
        '/api/v1/invoices?customer_id=c1&status=overdue&limit=50',
      ]),
    );
  });

  it('says when the customer owes nothing', async () => {
    stubApi({ invoices: [makeInvoice({ status: 'paid' })] });
    render();
    expect(await screen.findByText('Nenhuma fatura em aberto deste cliente.')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('sends an invoice into the chat and hands the message over; a refusal shows the reason under it', async () => {
    const message = { id: 'm9', ticket_id: 't1', text: 'Fatura FAT-0001' } as Message;
    const answers = [
      problem(409, WINDOW_CLOSED),
      problem(422, 'Alguns dados são inválidos.', [{ field: 'invoice_id', message: 'Esta fatura não está em aberto.' }]),
      json(message, 201),
    ];
    const calls = stubApi({
      invoices: [makeInvoice()],
      handle: (url, init) => (init.method === 'POST' && url === '/api/v1/tickets/t1/invoices' ? answers.shift() : undefined),
    });
    const onSent = vi.fn();
    const user = userEvent.setup();
    render(onSent);

    const list = await screen.findByRole('list', { name: 'Faturas em aberto' });
    const send = within(list).getByRole('button', { name: 'Enviar no chat' });
    expect(send).toHaveAccessibleDescription('FAT-0001');

    await user.click(send);
    // The whole reason, and nothing that looks sent.
    expect(await within(list).findByRole('alert')).toHaveTextContent(WINDOW_CLOSED);
    expect(within(list).queryByText(/enviada na conversa/)).not.toBeInTheDocument();
    expect(onSent).not.toHaveBeenCalled();
    expect(send).toBeEnabled();
    await user.click(send);
    await vi.waitFor(() => expect(within(list).getByRole('alert')).toHaveTextContent('Esta fatura não está em aberto.'));
    await user.click(send);
    expect(await within(list).findByText('FAT-0001 enviada na conversa.')).toBeInTheDocument();
    expect(onSent).toHaveBeenCalledWith(message);
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.body)).toEqual([
      { invoice_id: 'inv1' },
      { invoice_id: 'inv1' },
      { invoice_id: 'inv1' },
    ]);
  });
});
