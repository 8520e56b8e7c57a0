import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Ticket } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess, canReadCustomers } from '@/lib/authorization';
import { displayPhone } from '@/lib/br/phone';
import { cn } from '@/lib/cn';
import { formatDate, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useCustomerOpportunities, useCustomerTickets, useSupportCustomer } from '../api/customer';

import { TicketStatusBadge } from './badges';
import { ChannelIcon } from './channel-icon';
import { PanelSection } from './panel-section';
import { TicketBotSection } from './ticket-bot';
import { TicketSummarySection } from './ticket-summary';
import { TicketTriageSection } from './ticket-triage';
import { UnverifiedContact } from './unverified-contact';

const CUSTOMER_STATUS: Record<string, string> = { lead: 'Lead', active: 'Ativo', inactive: 'Inativo' };

function CustomerData({ ticket }: { ticket: Ticket }) {
  const { user } = useMe();
  const readable = canReadCustomers(user.role);
  const customer = useSupportCustomer(ticket.customer_id, readable);
  const crmLink = canAccess(user.role, 'crm') ? (
    <Link to={paths.app.crm.customer.getHref(ticket.customer_id)} className="text-xs font-medium text-indigo-800 hover:underline">
      Abrir no CRM →
    </Link>
  ) : null;

  const contact = ticket.contact_address.startsWith('visitor:') ? 'Visitante do chat do site' : displayPhone(ticket.contact_address);

  if (!readable) {
    return (
      <PanelSection title="Cliente">
        <p className="font-medium text-slate-900">{ticket.customer_name}</p>
        <p className="text-sm break-all text-slate-600">{contact}</p>
        <p className="text-xs text-slate-500">Seu perfil não vê o cadastro completo no CRM.</p>
      </PanelSection>
    );
  }
  if (customer.isPending) {
    return (
      <PanelSection title="Cliente">
        <Spinner size="sm" label="Carregando cliente…" />
      </PanelSection>
    );
  }
  if (customer.isError) {
    return (
      <PanelSection title="Cliente">
        <p className="font-medium text-slate-900">{ticket.customer_name}</p>
        <p className="text-sm break-all text-slate-600">{contact}</p>
        <p className="text-xs text-red-700">{problemMessage(customer.error)}</p>
      </PanelSection>
    );
  }
  const c = customer.data;
  return (
    <PanelSection title="Cliente" action={crmLink}>
      <p className="font-medium text-slate-900">{c.name}</p>
      {c.trade_name && <p className="text-sm text-slate-600">{c.trade_name}</p>}
      <dl className="space-y-1 text-sm">
        <div className="flex gap-2">
          <dt className="text-slate-500">Situação</dt>
          <dd className="text-slate-800">{CUSTOMER_STATUS[c.status] ?? c.status}</dd>
        </div>
        {c.emails.length > 0 && (
          <div>
            <dt className="sr-only">E-mails</dt>
            {c.emails.map((email) => (
              <dd key={email} className="break-all text-slate-800">
                {email}
              </dd>
            ))}
          </div>
        )}
        {c.phones.length > 0 && (
          <div>
            <dt className="sr-only">Telefones</dt>
            {c.phones.map((phone) => (
              <dd key={phone} className="text-slate-800">
                {displayPhone(phone)}
              </dd>
            ))}
          </div>
        )}
        {c.address?.city && (
          <div className="flex gap-2">
            <dt className="text-slate-500">Cidade</dt>
            <dd className="text-slate-800">
              {c.address.city}
              {c.address.state ? `/${c.address.state}` : ''}
            </dd>
          </div>
        )}
        <div className="flex gap-2">
          <dt className="text-slate-500">Cliente desde</dt>
          <dd className="text-slate-800">{formatDate(c.created_at)}</dd>
        </div>
      </dl>
      {c.tags.length > 0 && (
        <ul aria-label="Etiquetas do cliente" className="flex flex-wrap gap-1">
          {c.tags.map((tag) => (
            <li key={tag} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
              {tag}
            </li>
          ))}
        </ul>
      )}
      {c.notes && <p className="text-xs whitespace-pre-wrap text-slate-600">{c.notes}</p>}
    </PanelSection>
  );
}

function PreviousTickets({ ticket }: { ticket: Ticket }) {
  const tickets = useCustomerTickets(ticket.customer_id);
  const others = (tickets.data?.items ?? []).filter((item) => item.id !== ticket.id);
  const rated = (tickets.data?.items ?? []).filter((item) => item.csat_score != null);
  const average = rated.length ? rated.reduce((sum, item) => sum + (item.csat_score ?? 0), 0) / rated.length : null;
  return (
    <>
      <PanelSection title="Satisfação (CSAT)">
        {ticket.csat_score != null ? (
          <p className="text-sm text-slate-800">
            Este atendimento: <strong>{ticket.csat_score}/5</strong> <span aria-hidden="true">{'★'.repeat(ticket.csat_score)}</span>
          </p>
        ) : (
          <p className="text-sm text-slate-600">
            {ticket.status === 'resolved' ? 'Aguardando a nota do cliente.' : 'A pesquisa é enviada quando o ticket é resolvido.'}
          </p>
        )}
        {average !== null && (
          <p className="text-xs text-slate-600">
            Média do cliente: {new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 }).format(average)}/5 em {rated.length}{' '}
            {rated.length === 1 ? 'avaliação' : 'avaliações'}
          </p>
        )}
      </PanelSection>
      <PanelSection title="Tickets anteriores">
        {tickets.isPending ? (
          <Spinner size="sm" label="Carregando…" />
        ) : tickets.isError ? (
          <p className="text-xs text-red-700">{problemMessage(tickets.error)}</p>
        ) : others.length === 0 ? (
          <p className="text-sm text-slate-600">Nenhum outro ticket deste cliente.</p>
        ) : (
          <ul className="space-y-1">
            {others.map((item) => (
              <li key={item.id}>
                <Link
                  to={paths.app.support.ticket.getHref(item.id)}
                  className="flex items-start gap-2 rounded-md px-1 py-1 text-sm hover:bg-slate-50"
                >
                  <ChannelIcon kind={item.channel_kind} className="mt-0.5" />
                  <span className="min-w-0 flex-1">
                    <span className="block truncate text-slate-900">
                      #{item.number} · {item.subject || 'Sem assunto'}
                    </span>
                    <span className="text-xs text-slate-500">
                      {formatDate(item.created_at)}
                      {item.csat_score != null && ` · nota ${item.csat_score}/5`}
                    </span>
                  </span>
                  <TicketStatusBadge status={item.status} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PanelSection>
    </>
  );
}

const OPPORTUNITY_STATUS: Record<string, string> = { open: 'Em andamento', won: 'Ganha', lost: 'Perdida' };

function Opportunities({ customerId }: { customerId: string }) {
  const opportunities = useCustomerOpportunities(customerId, true);
  return (
    <PanelSection title="Oportunidades">
      {opportunities.isPending ? (
        <Spinner size="sm" label="Carregando…" />
      ) : opportunities.isError ? (
        <p className="text-xs text-red-700">{problemMessage(opportunities.error)}</p>
      ) : opportunities.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma oportunidade.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {opportunities.data.items.map((opportunity) => (
            <li key={opportunity.id} className="flex items-start justify-between gap-2">
              <span className="min-w-0 truncate text-slate-900">{opportunity.title}</span>
              <span className="shrink-0 text-right text-xs text-slate-600">
                {formatMoney(opportunity.value_cents, opportunity.currency)}
                <span className={cn('block', opportunity.status === 'won' ? 'text-emerald-700' : opportunity.status === 'lost' ? 'text-slate-500' : '')}>
                  {OPPORTUNITY_STATUS[opportunity.status] ?? opportunity.status}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </PanelSection>
  );
}

/**
 * The ticket's customer: CRM data and link, the bot's part (when it
 * answered), the conversation's summary, its triage, CSAT, previous tickets,
 * opportunities (each as the role may see), then what other features add
 * (`extras`: automation's block).
 */
export function CustomerPanel({ ticket, extras }: { ticket: Ticket; extras?: ReactNode }) {
  const { user } = useMe();
  return (
    <aside aria-label="Cliente" className="h-full overflow-y-auto bg-white">
      {!ticket.contact_verified && (
        <div className="border-b border-slate-200 px-4 py-3">
          <UnverifiedContact ticket={ticket} />
        </div>
      )}
      <CustomerData ticket={ticket} />
      <TicketBotSection ticketId={ticket.id} />
      <TicketSummarySection ticketId={ticket.id} />
      <TicketTriageSection ticket={ticket} />
      <PreviousTickets ticket={ticket} />
      {canAccess(user.role, 'crm') ? (
        <Opportunities customerId={ticket.customer_id} />
      ) : (
        <div className="px-4 py-3">
          <Alert tone="info">Oportunidades e histórico comercial ficam no CRM, fora do seu perfil.</Alert>
        </div>
      )}
      {extras}
    </aside>
  );
}
