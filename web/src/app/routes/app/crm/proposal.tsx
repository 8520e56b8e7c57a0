import { Link, useNavigate, useParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useProposal } from '@/features/crm/api/get-proposal';
import { isFinalProposal } from '@/features/crm/components/labels';
import { ProposalEditor } from '@/features/crm/components/proposal-editor';
import { ProposalSummary } from '@/features/crm/components/proposal-summary';
import { ProposalStatusBadge } from '@/features/crm/components/status-badges';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { proposalNumber } from '@/lib/commercial';
import { isApiError, problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.crm.proposals.getHref()} className="text-indigo-800 hover:underline">
    ← Propostas
  </Link>
);

/** An open proposal is edited here; an accepted, rejected or expired one is shown read-only. */
export default function ProposalRoute() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { user } = useMe();
  const proposal = useProposal(id);

  if (proposal.isPending) return <PageSpinner label="Carregando proposta…" />;
  if (proposal.isError) {
    const notFound = isApiError(proposal.error) && proposal.error.status === 404;
    return (
      <ContentLayout title="Proposta" description={back}>
        <Alert title={notFound ? 'Proposta não encontrada' : 'Não foi possível carregar a proposta'}>
          {problemMessage(proposal.error, { 404: 'Ela pode ter sido excluída (só rascunhos podem ser excluídos).' })}
        </Alert>
      </ContentLayout>
    );
  }
  const p = proposal.data;
  return (
    <ContentLayout
      wide
      title={`${proposalNumber(p.number)} — ${p.title}`}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {back}
          <ProposalStatusBadge status={p.status} />
          <span>Revisão {p.revision}</span>
          <Link to={paths.app.crm.customer.getHref(p.customer_id)} className="hover:underline">
            {p.customer_name}
          </Link>
          {p.ticket_id && canAccess(user.role, 'support') && (
            <Link to={paths.app.support.ticket.getHref(p.ticket_id)} className="font-medium text-indigo-800 hover:underline">
              Ver conversa
            </Link>
          )}
        </span>
      }
    >
      <div className="mx-auto max-w-7xl">
        {isFinalProposal(p.status) ? (
          <ProposalSummary proposal={p} />
        ) : (
          <ProposalEditor key={p.id} proposal={p} onDeleted={() => navigate(paths.app.crm.proposals.getHref(), { replace: true })} />
        )}
      </div>
    </ContentLayout>
  );
}
