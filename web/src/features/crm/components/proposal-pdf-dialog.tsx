import { useEffect, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { Proposal } from '@/lib/api/models';
import { proposalNumber } from '@/lib/commercial';
import { problemMessage } from '@/lib/problem';

import { useProposalPdfUrl } from '../api/get-proposal-pdf';

const linkClass =
  'inline-flex h-10 items-center justify-center rounded-md px-4 text-sm font-medium';

/**
 * The saved proposal as PDF, fetched with the bearer token and shown inline
 * through an object URL (the server's Content-Security-Policy allows `blob:`
 * frames), with "Abrir em nova aba" and "Baixar PDF" next to it. A browser
 * without a PDF viewer (`navigator.pdfViewerEnabled === false`, many phones)
 * or a policy that still refuses `blob:` frames gets only the two links.
 */
export function ProposalPdfDialog({
  open,
  onClose,
  proposal,
  unsavedChanges = false,
}: {
  open: boolean;
  onClose: () => void;
  proposal: Pick<Proposal, 'id' | 'number' | 'version'>;
  unsavedChanges?: boolean;
}) {
  return (
    <Dialog open={open} onClose={onClose} title={`Pré-visualizar PDF — ${proposalNumber(proposal.number)}`} size="lg">
      <PdfPreview proposal={proposal} unsavedChanges={unsavedChanges} />
    </Dialog>
  );
}

function PdfPreview({ proposal, unsavedChanges }: { proposal: Pick<Proposal, 'id' | 'number' | 'version'>; unsavedChanges: boolean }) {
  const pdf = useProposalPdfUrl(proposal.id, proposal.version);
  const [blocked, setBlocked] = useState(false);
  // A frame would download the file instead of showing it.
  const noViewer = typeof navigator !== 'undefined' && navigator.pdfViewerEnabled === false;
  const url = pdf.data;

  useEffect(() => {
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.blockedURI === 'blob' || event.blockedURI.startsWith('blob:')) setBlocked(true);
    };
    document.addEventListener('securitypolicyviolation', onViolation);
    return () => document.removeEventListener('securitypolicyviolation', onViolation);
  }, []);

  const fileName = `${proposalNumber(proposal.number)}.pdf`;
  return (
    <div className="space-y-3">
      {unsavedChanges && (
        <Alert tone="warning">O PDF mostra a última versão salva. Salve para incluir as alterações feitas nesta tela.</Alert>
      )}
      {pdf.isPending ? (
        <PageSpinner label="Gerando o PDF…" />
      ) : pdf.isError ? (
        <Alert title="Não foi possível gerar o PDF">{problemMessage(pdf.error)}</Alert>
      ) : (
        <>
          {blocked || noViewer ? (
            <Alert tone="info">
              Este navegador não mostra o PDF dentro da página. Abra em uma nova aba ou baixe o arquivo.
            </Alert>
          ) : (
            <iframe title={`PDF da proposta ${proposalNumber(proposal.number)}`} src={url} className="h-[70dvh] w-full rounded-md ring-1 ring-slate-200" />
          )}
          <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
            <a href={url} target="_blank" rel="noopener" className={`${linkClass} bg-white text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50`}>
              Abrir em nova aba
            </a>
            <a href={url} download={fileName} className={`${linkClass} bg-indigo-700 text-white hover:bg-indigo-800`}>
              Baixar PDF
            </a>
          </div>
        </>
      )}
    </div>
  );
}
