import { type ReactNode, useId, useMemo, useState } from 'react';
import { Link } from 'react-router';

import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Message, Opportunity, Proposal, Ticket } from '@/lib/api/models';
import { usePipelines } from '@/lib/api/pipelines';
import { cn } from '@/lib/cn';
import { proposalNumber } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useTicketOpportunities, useTicketProposals } from '../api/get-ticket-sales';
import { useSendProposalInChat } from '../api/send-proposal-in-chat';

import { isFinalProposal, STAGE_KIND_LABELS } from './labels';
import { NewOpportunityDialog } from './opportunity-form';
import { ProposalStatusBadge } from './status-badges';

export type TicketSalesTicket = Pick<Ticket, 'id' | 'subject' | 'customer_id' | 'customer_name'>;

const DEAL_STATUS_STYLES = {
  open: 'bg-indigo-100 text-indigo-800',
  won: 'bg-emerald-100 text-emerald-800',
  lost: 'bg-red-100 text-red-800',
} as const;

const smallLink =
  'inline-flex h-8 items-center justify-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50';

/** "Enviar no chat" refused: the field's message (422), else the problem's detail (409: closed ticket, WhatsApp window without an approved template). */
function sendError(error: unknown): string {
  if (isApiError(error) && error.fieldErrors.length > 0) return error.fieldErrors.map((item) => item.message).join(' ');
  return problemMessage(error, { 403: 'Só proprietário, administrador ou gerente enviam propostas na conversa.' });
}

/**
 * "Vendas" in the inbox's side panel: the deals and proposals of this
 * conversation, "Criar oportunidade" (the ticket's customer and subject),
 * "Nova proposta" (the editor, prefilled and tied to the conversation) and
 * "Enviar no chat" on each proposal still open. For roles that work in both
 * support and the CRM (the app layer checks); `onSentInChat` puts the sent
 * message into the conversation. `invoices` is what the app layer adds
 * below the proposals (the customer's open invoices, from finance).
 */
export function TicketSales({
  ticket,
  onSentInChat,
  invoices,
}: {
  ticket: TicketSalesTicket;
  onSentInChat?: (message: Message) => void;
  invoices?: ReactNode;
}) {
  const headingId = useId();
  const opportunities = useTicketOpportunities(ticket.id);
  const proposals = useTicketProposals(ticket.id);
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  const pipelineList = pipelines.data ?? [];
  const deals = opportunities.data?.items ?? [];
  const openDeals = deals.filter((deal) => deal.status === 'open');
  // With exactly one open deal, the new proposal is for it.
  const newProposalHref = paths.app.crm.newProposal.getHref({
    customerId: ticket.customer_id,
    opportunityId: openDeals.length === 1 ? openDeals[0].id : undefined,
    ticketId: ticket.id,
  });

  return (
    <section aria-labelledby={headingId} className="space-y-3 border-b border-slate-200 px-4 py-3">
      <h3 id={headingId} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        Vendas
      </h3>
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" onClick={() => setCreating(true)} disabled={pipelineList.length === 0}>
          Criar oportunidade
        </Button>
        <Link to={newProposalHref} className={smallLink}>
          Nova proposta
        </Link>
      </div>
      {pipelines.isSuccess && pipelineList.length === 0 && (
        <p className="text-xs text-slate-500">Preparando o funil de vendas da empresa…</p>
      )}

      <h4 className="text-xs font-medium text-slate-600">Oportunidades desta conversa</h4>
      {opportunities.isPending ? (
        <Spinner size="sm" label="Carregando oportunidades…" />
      ) : opportunities.isError ? (
        <p className="text-xs text-red-700">{problemMessage(opportunities.error)}</p>
      ) : deals.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma oportunidade criada nesta conversa.</p>
      ) : (
        <DealList deals={deals} stageNames={stageNames(pipelineList)} />
      )}

      <h4 className="text-xs font-medium text-slate-600">Propostas desta conversa</h4>
      {proposals.isPending ? (
        <Spinner size="sm" label="Carregando propostas…" />
      ) : proposals.isError ? (
        <p className="text-xs text-red-700">{problemMessage(proposals.error)}</p>
      ) : proposals.data.items.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhuma proposta nesta conversa. Crie uma em “Nova proposta” e envie-a no chat.</p>
      ) : (
        <ProposalList ticketId={ticket.id} proposals={proposals.data.items} onSentInChat={onSentInChat} />
      )}

      {invoices}

      <NewOpportunityDialog
        open={creating}
        onClose={() => setCreating(false)}
        pipelines={pipelineList}
        customer={{ id: ticket.customer_id, name: ticket.customer_name }}
        defaultTitle={ticket.subject}
        ticketId={ticket.id}
      />
    </section>
  );
}

function stageNames(pipelines: { stages: { id: string; name: string }[] }[]) {
  return new Map(pipelines.flatMap((pipeline) => pipeline.stages.map((stage) => [stage.id, stage.name] as const)));
}

function DealList({ deals, stageNames }: { deals: Opportunity[]; stageNames: ReadonlyMap<string, string> }) {
  return (
    <ul aria-label="Oportunidades desta conversa" className="space-y-2 text-sm">
      {deals.map((deal) => {
        const stage = stageNames.get(deal.stage_id);
        const status = STAGE_KIND_LABELS[deal.status];
        // A won or lost deal sits in the stage of that name: say it once.
        const showStage = stage && stage.toLocaleLowerCase('pt-BR') !== status.toLocaleLowerCase('pt-BR');
        return (
          <li key={deal.id} className="space-y-0.5">
            <div className="flex items-start justify-between gap-2">
              <Link
                to={paths.app.crm.opportunity.getHref(deal.id, deal.pipeline_id)}
                className="min-w-0 font-medium break-words text-indigo-800 hover:underline"
              >
                {deal.title}
              </Link>
              <span className="shrink-0 text-slate-900">{formatMoney(deal.value_cents, deal.currency)}</span>
            </div>
            <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
              {showStage && <span>{stage}</span>}
              <span className={cn('rounded-full px-2 py-0.5 font-medium', DEAL_STATUS_STYLES[deal.status])}>{status}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}

function ProposalList({
  ticketId,
  proposals,
  onSentInChat,
}: {
  ticketId: string;
  proposals: Proposal[];
  onSentInChat?: (message: Message) => void;
}) {
  const send = useSendProposalInChat();
  const [confirming, setConfirming] = useState<Proposal | null>(null);
  const [sentId, setSentId] = useState<string | null>(null);
  const sending = send.isPending ? send.variables?.proposalId : undefined;
  const failedId = send.isError ? send.variables?.proposalId : undefined;
  const sorted = useMemo(() => [...proposals].sort((a, b) => b.number - a.number), [proposals]);

  const sendNow = (proposal: Proposal) => {
    setConfirming(null);
    setSentId(null);
    send.mutate(
      { ticketId, proposalId: proposal.id },
      {
        onSuccess: (message) => {
          setSentId(proposal.id);
          onSentInChat?.(message);
        },
      },
    );
  };

  return (
    <>
      <ul aria-label="Propostas desta conversa" className="space-y-3 text-sm">
        {sorted.map((proposal) => {
          const label = proposalNumber(proposal.number);
          const labelId = `proposal-${ticketId}-${proposal.id}`;
          const open = !isFinalProposal(proposal.status);
          // Sending again makes a new link: the one the customer has (by e-mail or here) stops working.
          const resend = proposal.status === 'sent' || proposal.status === 'viewed';
          return (
            <li key={proposal.id} className="space-y-1">
              <div className="flex items-start justify-between gap-2">
                <Link id={labelId} to={paths.app.crm.proposal.getHref(proposal.id)} className="font-medium text-indigo-800 hover:underline">
                  {label}
                </Link>
                <ProposalStatusBadge status={proposal.status} />
              </div>
              <p className="break-words text-slate-800">{proposal.title}</p>
              <p className="text-slate-900">{formatMoney(proposal.total_cents, proposal.currency)}</p>
              {open && (
                <Button
                  size="sm"
                  variant="secondary"
                  aria-describedby={labelId}
                  isLoading={sending === proposal.id}
                  disabled={send.isPending}
                  onClick={() => (resend ? setConfirming(proposal) : sendNow(proposal))}
                >
                  Enviar no chat
                </Button>
              )}
              {failedId === proposal.id && (
                <p role="alert" className="text-xs text-red-700">
                  {sendError(send.error)}
                </p>
              )}
              {sentId === proposal.id && !send.isPending && (
                <p role="status" className="text-xs text-emerald-800">
                  {label} enviada na conversa.
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? `Enviar ${proposalNumber(confirming.number)} no chat?` : ''}
        confirmLabel="Enviar no chat"
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && sendNow(confirming)}
      >
        <p>A proposta ganha um novo link; o link enviado antes (por e-mail ou nesta conversa) deixa de funcionar.</p>
      </ConfirmDialog>
    </>
  );
}
