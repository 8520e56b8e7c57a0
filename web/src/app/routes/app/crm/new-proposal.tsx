import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { customerQueryOptions } from '@/features/crm/api/get-customer';
import { opportunityQueryOptions } from '@/features/crm/api/get-opportunity';
import { ProposalEditor } from '@/features/crm/components/proposal-editor';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.crm.proposals.getHref()} className="text-indigo-800 hover:underline">
    ← Propostas
  </Link>
);

/**
 * /crm/propostas/nova?customer_id=&opportunity_id=&ticket_id= (all optional):
 * the editor, prefilled. With `ticket_id` (the inbox's "Nova proposta") the
 * proposal belongs to that conversation, and the page leads back to it.
 */
export default function NewProposalRoute() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { user } = useMe();
  const customerId = params.get('customer_id') ?? '';
  const opportunityId = params.get('opportunity_id') ?? '';
  const ticketId = params.get('ticket_id') ?? '';
  const fromConversation = Boolean(ticketId && customerId);
  const customer = useQuery({ ...customerQueryOptions(customerId), enabled: Boolean(customerId) });
  const opportunity = useQuery({ ...opportunityQueryOptions(opportunityId), enabled: Boolean(opportunityId) });

  const loading = (customerId && customer.isPending) || (opportunityId && opportunity.isPending);
  const error = customer.error ?? opportunity.error;
  const chosenOpportunity = opportunity.data && (!customerId || opportunity.data.customer_id === customerId) ? opportunity.data : null;

  return (
    <ContentLayout
      wide
      title="Nova proposta"
      description={
        fromConversation && canAccess(user.role, 'support') ? (
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link to={paths.app.support.ticket.getHref(ticketId)} className="text-indigo-800 hover:underline">
              ← Voltar à conversa
            </Link>
            <span>A proposta fica ligada à conversa: envie-a no chat pelo bloco Vendas.</span>
          </span>
        ) : (
          back
        )
      }
    >
      {loading ? (
        <PageSpinner label="Carregando…" />
      ) : (
        <div className="mx-auto max-w-7xl space-y-4">
          {error && (
            <Alert tone="warning" title="Não foi possível preencher tudo">
              {problemMessage(error, { 404: 'O cliente ou a oportunidade do link não existe mais. Escolha abaixo.' })}
            </Alert>
          )}
          <ProposalEditor
            key={`${customerId}:${opportunityId}:${ticketId}`}
            defaults={{
              customer: customer.data
                ? { id: customer.data.id, name: customer.data.name }
                : chosenOpportunity
                  ? { id: chosenOpportunity.customer_id, name: chosenOpportunity.customer_name }
                  : null,
              opportunityId: chosenOpportunity?.id,
              title: chosenOpportunity?.title,
              ticketId: fromConversation ? ticketId : undefined,
            }}
            onCreated={(proposal) => navigate(paths.app.crm.proposal.getHref(proposal.id), { replace: true })}
          />
        </div>
      )}
    </ContentLayout>
  );
}
