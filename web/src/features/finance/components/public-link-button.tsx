import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/problem';

import { invoiceLinkQueryOptions } from '../api/get-invoice';

type State = { status: 'idle' } | { status: 'busy' } | { status: 'done'; link: string; copied: boolean } | { status: 'error'; error: unknown };

/** "Copiar link público": asks the server for the (stable) link, copies it and shows it, for WhatsApp and the like. */
export function PublicLinkButton({ invoiceId }: { invoiceId: string }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<State>({ status: 'idle' });

  const copy = async () => {
    setState({ status: 'busy' });
    let link: string;
    try {
      link = (await queryClient.fetchQuery(invoiceLinkQueryOptions(invoiceId))).link;
    } catch (error) {
      setState({ status: 'error', error });
      return;
    }
    try {
      await navigator.clipboard.writeText(link);
      setState({ status: 'done', link, copied: true });
    } catch {
      setState({ status: 'done', link, copied: false });
    }
  };

  return (
    <div className="space-y-2">
      <Button variant="secondary" className="w-full" onClick={() => void copy()} isLoading={state.status === 'busy'}>
        Copiar link público
      </Button>
      <div aria-live="polite">
        {state.status === 'done' && (
          <div className="space-y-1 rounded-md border border-emerald-300 bg-emerald-50 p-2 text-xs text-emerald-950">
            <p className="font-medium">{state.copied ? 'Link copiado.' : 'Copie o link abaixo:'}</p>
            <label htmlFor={`public-link-${invoiceId}`} className="sr-only">
              Link público da fatura
            </label>
            <input
              id={`public-link-${invoiceId}`}
              readOnly
              value={state.link}
              onFocus={(event) => event.target.select()}
              className="block w-full rounded border border-emerald-300 bg-white px-2 py-1 font-mono text-xs text-slate-900"
            />
          </div>
        )}
      </div>
      <div aria-live="assertive">
        {state.status === 'error' && <Alert title="Não foi possível obter o link">{problemMessage(state.error)}</Alert>}
      </div>
    </div>
  );
}
