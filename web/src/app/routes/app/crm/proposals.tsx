import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { ProposalsList } from '@/features/crm/components/proposals-list';

export default function ProposalsRoute() {
  return (
    <ContentLayout
      title="Propostas"
      description="Propostas comerciais para os seus clientes, com aceite on-line."
      actions={
        <Link
          to={paths.app.crm.newProposal.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Nova proposta
        </Link>
      }
    >
      <ProposalsList />
    </ContentLayout>
  );
}
