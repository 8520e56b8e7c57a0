import { useParams } from 'react-router';

import { PublicProposalView } from '@/features/public-proposal/components/public-proposal-view';

/** /p/:token — the customer's page for a proposal: no login, no app shell, phone first. */
export default function PublicProposalRoute() {
  const { token = '' } = useParams();
  return (
    <div className="min-h-dvh bg-slate-100">
      <main className="mx-auto w-full max-w-2xl px-3 py-4 sm:px-6 sm:py-10">
        <PublicProposalView token={token} />
      </main>
      <footer className="pb-8 text-center text-xs text-slate-500">Propostas on-line com ConectCRM</footer>
    </div>
  );
}
