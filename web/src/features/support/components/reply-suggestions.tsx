import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { ReplySuggestion } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { renderCanned } from '../api/canned';
import { useReplySuggestions } from '../api/triage';

function suggestionLabel(item: ReplySuggestion): string {
  if (item.kind === 'canned') return `Resposta pronta: ${item.title ?? item.shortcut ?? ''}`;
  return item.ticket_number ? `Resposta do ticket #${item.ticket_number}` : 'Resposta anterior';
}

/**
 * "Sugerir resposta": the canned responses and past answers most like the
 * customer's latest message. Choosing one puts it in the composer to edit;
 * a canned one arrives with its variables filled, as with "/".
 */
export function ReplySuggestionsButton({ ticketId, onUse }: { ticketId: string; onUse: (text: string) => void }) {
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const suggestions = useReplySuggestions(ticketId, open);

  const use = async (item: ReplySuggestion) => {
    setError(null);
    try {
      const text = item.kind === 'canned' && item.canned_id ? (await renderCanned({ ticketId, cannedId: item.canned_id })).text : item.text;
      onUse(text);
      setOpen(false);
    } catch (e) {
      setError(problemMessage(e));
    }
  };

  return (
    <div className="relative">
      <Button type="button" size="sm" variant="ghost" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        Sugerir resposta
      </Button>
      {open && (
        <section
          aria-label="Sugestões de resposta"
          className="absolute right-0 bottom-full z-20 mb-1 w-[min(28rem,90vw)] space-y-2 rounded-md bg-white p-3 text-sm shadow-lg ring-1 ring-slate-200"
        >
          {suggestions.isPending ? (
            <Spinner label="Buscando sugestões…" />
          ) : suggestions.isError ? (
            <p className="text-red-700">{problemMessage(suggestions.error)}</p>
          ) : suggestions.data.items.length === 0 ? (
            <p className="text-slate-600">
              Nenhuma sugestão para esta mensagem. Cadastre respostas prontas em Configurações → Respostas prontas: elas passam a ser sugeridas
              quando combinam com o que o cliente escreveu.
            </p>
          ) : (
            <ul className="max-h-72 space-y-2 overflow-y-auto">
              {suggestions.data.items.map((item, i) => (
                <li key={`${item.kind}-${item.canned_id ?? item.ticket_number ?? i}`} className="rounded border border-slate-200 p-2">
                  <p className="text-xs font-medium text-slate-500">{suggestionLabel(item)}</p>
                  <p className="mt-1 line-clamp-3 whitespace-pre-line text-slate-800">{item.text}</p>
                  <div className="mt-1 text-right">
                    <Button type="button" size="sm" variant="secondary" onClick={() => void use(item)}>
                      Usar
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {error && <p className="text-red-700">{error}</p>}
        </section>
      )}
    </div>
  );
}
