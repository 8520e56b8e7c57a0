import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me, MessageCard, Role } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import { renderWithProviders } from '@/testing/render';

import { makeMessage } from '../utils/test-fixtures';

import { MessageBubble } from './message-bubble';

const meAs = (role: Role): Me => ({
  user: { id: 'u-me', name: 'Dona Sônia', email: 'sonia@example.com', role, active: true, created_at: '2026-01-01T00:00:00Z' },
  company: { id: 'c1', name: 'ACME', trade_name: null, plan_code: 'free' },
  signature: '',
});

const names = new Map<string, string>();

const sent: MessageCard = {
  kind: 'proposal_sent',
  record_id: 'pr1',
  label: 'PROP-0001',
  title: 'Implantação do CRM',
  amount_cents: 123_456,
  url: 'https://app.example.com/p/abc.def',
};

const accepted: MessageCard = { ...sent, kind: 'proposal_accepted', url: null };

const invoiceSent: MessageCard = {
  kind: 'invoice_sent',
  record_id: 'inv1',
  label: 'FAT-0001',
  title: 'Vencimento 10/12/2026',
  amount_cents: 35_000,
  url: 'https://app.example.com/fatura/xyz',
};

const invoicePaid: MessageCard = { ...invoiceSent, kind: 'invoice_paid', title: 'Fatura paga', url: null };

function render(message: ReturnType<typeof makeMessage>, role: Role = 'owner') {
  return renderWithProviders(<MessageBubble message={message} names={names} />, {
    seed: (client) => client.setQueryData(meQueryKey, meAs(role)),
  });
}

describe('MessageBubble cards', () => {
  it('shows a proposal sent into the chat as a card with the amount and the customer’s page, the text one click away', () => {
    const text = 'Proposta PROP-0001 — Implantação do CRM\nVeja os detalhes e aceite aqui: https://app.example.com/p/abc.def';
    render(makeMessage({ direction: 'out', author_name: 'Dona Sônia', delivery_status: 'sent', text, card: sent }));

    const card = screen.getByRole('group', { name: 'Proposta PROP-0001' });
    expect(within(card).getByText('Implantação do CRM')).toBeInTheDocument();
    expect(within(card).getByText(/R\$\s1\.234,56/)).toBeInTheDocument();
    const link = within(card).getByRole('link', { name: 'Abrir página do cliente' });
    expect(link).toHaveAttribute('href', sent.url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.getByText('Texto enviado ao cliente')).toBeInTheDocument();
  });

  it('shows the customer’s acceptance as a success card linking to the proposal in the CRM', () => {
    render(
      makeMessage({
        direction: 'note',
        author_name: 'ConectCRM',
        text: '✅ O cliente aceitou a proposta PROP-0001 — Implantação do CRM. O contrato foi gerado.',
        card: accepted,
      }),
    );
    expect(screen.getByRole('article', { name: 'Nota interna de ConectCRM' })).toBeInTheDocument();
    const card = screen.getByRole('group', { name: 'Proposta aceita pelo cliente' });
    expect(within(card).getByText('PROP-0001')).toBeInTheDocument();
    expect(within(card).getByText(/Implantação do CRM/)).toBeInTheDocument();
    expect(within(card).getByText(/R\$\s1\.234,56/)).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Ver proposta no CRM' })).toHaveAttribute('href', '/crm/propostas/pr1');
  });

  it('gives an agent (no CRM) the acceptance without a link it could not open', () => {
    render(makeMessage({ direction: 'note', author_name: 'ConectCRM', text: 'aceita', card: accepted }), 'agent');
    const card = screen.getByRole('group', { name: 'Proposta aceita pelo cliente' });
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
  });

  it('shows an invoice sent into the chat with its due date, the amount due today and the payment page', () => {
    const text = 'Fatura FAT-0001 — R$ 350,00 (vencimento 10/12/2026)\nPague aqui: https://app.example.com/fatura/xyz';
    render(makeMessage({ direction: 'out', author_name: 'Dona Sônia', delivery_status: 'sent', text, card: invoiceSent }));

    const card = screen.getByRole('group', { name: 'Fatura FAT-0001' });
    expect(within(card).getByText('Vencimento 10/12/2026')).toBeInTheDocument();
    expect(within(card).getByText(/R\$\s350,00/)).toBeInTheDocument();
    const link = within(card).getByRole('link', { name: 'Abrir página de pagamento' });
    expect(link).toHaveAttribute('href', invoiceSent.url);
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.getByText('Texto enviado ao cliente')).toBeInTheDocument();
  });

  it('shows the payment of that invoice as a success card linking to it in Financeiro', () => {
    render(makeMessage({ direction: 'note', author_name: 'ConectCRM', text: '💰 Pagamento recebido: FAT-0001 — R$ 350,00.', card: invoicePaid }));
    expect(screen.getByRole('article', { name: 'Nota interna de ConectCRM' })).toBeInTheDocument();
    const card = screen.getByRole('group', { name: 'Pagamento recebido' });
    expect(within(card).getByText('Fatura FAT-0001')).toBeInTheDocument();
    expect(within(card).getByText(/R\$\s350,00/)).toBeInTheDocument();
    expect(within(card).getByRole('link', { name: 'Ver fatura no Financeiro' })).toHaveAttribute('href', '/financeiro/faturas/inv1');
  });

  it('gives an agent (no finance) the payment without a link it could not open', () => {
    render(makeMessage({ direction: 'note', author_name: 'ConectCRM', text: 'paga', card: invoicePaid }), 'agent');
    const card = screen.getByRole('group', { name: 'Pagamento recebido' });
    expect(within(card).queryByRole('link')).not.toBeInTheDocument();
  });

  it('keeps other messages as text, and a card of an unknown kind as its text', () => {
    render(makeMessage({ text: 'Bom dia, quero um orçamento' }));
    expect(screen.getByText('Bom dia, quero um orçamento')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();

    const unknown = { ...sent, kind: 'boleto_sent' } as unknown as MessageCard;
    render(makeMessage({ id: 'm2', direction: 'out', text: 'Boleto BOL-0001', card: unknown }));
    expect(screen.getByText('Boleto BOL-0001')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
