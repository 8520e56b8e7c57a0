import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { MessageCard } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { formatMoney } from '@/lib/format';

const linkClass = 'inline-block text-sm font-medium text-indigo-800 underline hover:text-indigo-950';

/** Something sent into the chat: what the customer got, and their page (the link in the message). */
function SentCard({ name, card, linkLabel }: { name: string; card: MessageCard; linkLabel: string }) {
  return (
    <div role="group" aria-label={name} className="mt-1 space-y-1 rounded-md bg-white px-3 py-2 ring-1 ring-indigo-200">
      <p className="text-xs font-semibold tracking-wide text-indigo-800 uppercase">{name}</p>
      <p className="text-sm font-medium break-words text-slate-900">{card.title}</p>
      <p className="text-base font-semibold text-slate-900">{formatMoney(card.amount_cents)}</p>
      {card.url && (
        <a href={card.url} target="_blank" rel="noreferrer noopener" className={linkClass}>
          {linkLabel}
        </a>
      )}
    </div>
  );
}

/** What the customer did with it (a note by ConectCRM), and the record for those who may open it. */
function DoneCard({
  heading,
  detail,
  card,
  link,
}: {
  heading: string;
  detail: React.ReactNode;
  card: MessageCard;
  link?: { to: string; label: string };
}) {
  return (
    <div
      role="group"
      aria-label={heading}
      className="mt-1 space-y-1 rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-emerald-950"
    >
      <p className="flex items-center gap-1.5 text-sm font-semibold text-emerald-800">
        <span aria-hidden="true">✓</span> {heading}
      </p>
      <p className="text-sm break-words">{detail}</p>
      <p className="text-base font-semibold">{formatMoney(card.amount_cents)}</p>
      {link && (
        <Link to={link.to} className={linkClass}>
          {link.label}
        </Link>
      )}
    </div>
  );
}

/** The customer accepted on the public page: the deal is closed (a contract was made). */
function ProposalAcceptedCard({ card }: { card: MessageCard }) {
  const { user } = useMe();
  return (
    <DoneCard
      heading="Proposta aceita pelo cliente"
      detail={
        <>
          <span className="font-medium">{card.label}</span> · {card.title}
        </>
      }
      card={card}
      link={
        canAccess(user.role, 'crm')
          ? { to: paths.app.crm.proposal.getHref(card.record_id), label: 'Ver proposta no CRM' }
          : undefined
      }
    />
  );
}

/** The invoice sent in the chat was paid. */
function InvoicePaidCard({ card }: { card: MessageCard }) {
  const { user } = useMe();
  return (
    <DoneCard
      heading="Pagamento recebido"
      detail={<span className="font-medium">Fatura {card.label}</span>}
      card={card}
      link={
        canAccess(user.role, 'finance')
          ? { to: paths.app.finance.invoice.getHref(card.record_id), label: 'Ver fatura no Financeiro' }
          : undefined
      }
    />
  );
}

/** A message's card (see utils/message-card.ts for the kinds shown). */
export function MessageCardView({ card }: { card: MessageCard }) {
  switch (card.kind) {
    case 'proposal_accepted':
      return <ProposalAcceptedCard card={card} />;
    case 'invoice_sent':
      return <SentCard name={`Fatura ${card.label}`} card={card} linkLabel="Abrir página de pagamento" />;
    case 'invoice_paid':
      return <InvoicePaidCard card={card} />;
    default:
      return <SentCard name={`Proposta ${card.label}`} card={card} linkLabel="Abrir página do cliente" />;
  }
}
