import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { MessageCard } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { formatMoney } from '@/lib/format';

const linkClass = 'inline-block text-sm font-medium text-indigo-800 underline hover:text-indigo-950';

/** A proposal sent into the chat: what the customer got, and their page (the link in the message). */
function ProposalSentCard({ card }: { card: MessageCard }) {
  const name = `Proposta ${card.label}`;
  return (
    <div role="group" aria-label={name} className="mt-1 space-y-1 rounded-md bg-white px-3 py-2 ring-1 ring-indigo-200">
      <p className="text-xs font-semibold tracking-wide text-indigo-800 uppercase">{name}</p>
      <p className="text-sm font-medium break-words text-slate-900">{card.title}</p>
      <p className="text-base font-semibold text-slate-900">{formatMoney(card.amount_cents)}</p>
      {card.url && (
        <a href={card.url} target="_blank" rel="noreferrer noopener" className={linkClass}>
          Abrir página do cliente
        </a>
      )}
    </div>
  );
}

/** The customer accepted on the public page: the deal is closed (a contract was made). */
function ProposalAcceptedCard({ card }: { card: MessageCard }) {
  const { user } = useMe();
  return (
    <div
      role="group"
      aria-label="Proposta aceita pelo cliente"
      className="mt-1 space-y-1 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-950"
    >
      <p className="flex items-center gap-1.5 text-sm font-semibold text-emerald-800">
        <span aria-hidden="true">✓</span> Proposta aceita pelo cliente
      </p>
      <p className="text-sm break-words">
        <span className="font-medium">{card.label}</span> · {card.title}
      </p>
      <p className="text-base font-semibold">{formatMoney(card.amount_cents)}</p>
      {canAccess(user.role, 'crm') && (
        <Link to={paths.app.crm.proposal.getHref(card.record_id)} className={linkClass}>
          Ver proposta no CRM
        </Link>
      )}
    </div>
  );
}

/** An invoice sent into the chat: its due date, what it asks today, and the payment page (the link in the message). */
function InvoiceSentCard({ card }: { card: MessageCard }) {
  const name = `Fatura ${card.label}`;
  return (
    <div role="group" aria-label={name} className="mt-1 space-y-1 rounded-md bg-white px-3 py-2 ring-1 ring-indigo-200">
      <p className="text-xs font-semibold tracking-wide text-indigo-800 uppercase">{name}</p>
      <p className="text-sm font-medium break-words text-slate-900">{card.title}</p>
      <p className="text-base font-semibold text-slate-900">{formatMoney(card.amount_cents)}</p>
      {card.url && (
        <a href={card.url} target="_blank" rel="noreferrer noopener" className={linkClass}>
          Abrir página de pagamento
        </a>
      )}
    </div>
  );
}

/** The invoice sent in the chat was paid (a note by ConectCRM). */
function InvoicePaidCard({ card }: { card: MessageCard }) {
  const { user } = useMe();
  return (
    <div
      role="group"
      aria-label="Pagamento recebido"
      className="mt-1 space-y-1 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-950"
    >
      <p className="flex items-center gap-1.5 text-sm font-semibold text-emerald-800">
        <span aria-hidden="true">✓</span> Pagamento recebido
      </p>
      <p className="text-sm font-medium">Fatura {card.label}</p>
      <p className="text-base font-semibold">{formatMoney(card.amount_cents)}</p>
      {canAccess(user.role, 'finance') && (
        <Link to={paths.app.finance.invoice.getHref(card.record_id)} className={linkClass}>
          Ver fatura no Financeiro
        </Link>
      )}
    </div>
  );
}

/** A message's card (see utils/message-card.ts for the kinds shown). */
export function MessageCardView({ card }: { card: MessageCard }) {
  switch (card.kind) {
    case 'proposal_accepted':
      return <ProposalAcceptedCard card={card} />;
    case 'invoice_sent':
      return <InvoiceSentCard card={card} />;
    case 'invoice_paid':
      return <InvoicePaidCard card={card} />;
    default:
      return <ProposalSentCard card={card} />;
  }
}
