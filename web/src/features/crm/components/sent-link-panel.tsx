import { useState } from 'react';

import { Button } from '@/components/ui/button';

/** The public link returned by a send (the proposal's page can copy it again later). */
export function SentLinkPanel({ url, to, onClose }: { url: string; to: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <section
      aria-labelledby="sent-link-title"
      role="status"
      className="space-y-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 id="sent-link-title" className="font-semibold">
          Proposta enviada para {to}
        </h2>
        <button type="button" onClick={onClose} aria-label="Fechar aviso de envio" className="rounded px-1 text-emerald-900 hover:bg-emerald-100">
          ✕
        </button>
      </div>
      <p>
        O cliente recebeu por e-mail o PDF e o link abaixo, por onde pode ver, aceitar ou recusar a proposta. Para mandá-lo por outro
        canal (WhatsApp, por exemplo), copie-o aqui ou depois, na página da proposta. Enviar de novo gera um novo link e o anterior deixa de
        funcionar.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="sent-public-url" className="sr-only">
          Link público da proposta
        </label>
        <input
          id="sent-public-url"
          readOnly
          value={url}
          onFocus={(event) => event.target.select()}
          className="block w-full min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copiado!' : 'Copiar link'}
        </Button>
      </div>
      {copied === 'failed' && <p>Não foi possível copiar automaticamente: selecione o link e copie.</p>}
    </section>
  );
}
