import { useState } from 'react';

import { Button } from '@/components/ui/button';

import { useProposalLink } from '../api/get-proposal-link';

/**
 * A sent proposal's link, copied or shared on WhatsApp again at any time —
 * the link stays the same (sending again makes a new one). A proposal sent
 * before links were kept says to send it again.
 */
export function ProposalLinkActions({ proposalId, version }: { proposalId: string; version: number }) {
  const link = useProposalLink(proposalId, version, true);
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  if (link.isPending) return null;
  if (link.isError || !link.data) {
    return <p className="mt-2">Para copiar o link, envie a proposta de novo.</p>;
  }
  const { public_url: url, whatsapp_url: whatsapp } = link.data;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <div className="mt-2 space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copiado!' : 'Copiar link'}
        </Button>
        {whatsapp ? (
          <a
            href={whatsapp}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800"
          >
            Compartilhar no WhatsApp
          </a>
        ) : (
          <span className="text-xs">Cadastre um telefone do cliente para compartilhar no WhatsApp.</span>
        )}
      </div>
      {copied === 'failed' && (
        <p>
          Não foi possível copiar automaticamente: <span className="font-mono text-xs break-all">{url}</span>
        </p>
      )}
    </div>
  );
}
