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

  it('keeps other messages as text, and a card of an unknown kind as its text', () => {
    render(makeMessage({ text: 'Bom dia, quero um orçamento' }));
    expect(screen.getByText('Bom dia, quero um orçamento')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();

    const unknown = { ...sent, kind: 'invoice_sent' } as unknown as MessageCard;
    render(makeMessage({ id: 'm2', direction: 'out', text: 'Fatura FAT-0001', card: unknown }));
    expect(screen.getByText('Fatura FAT-0001')).toBeInTheDocument();
    expect(screen.queryByRole('group')).not.toBeInTheDocument();
  });
});
