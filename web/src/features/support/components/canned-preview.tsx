import type { UseQueryResult } from '@tanstack/react-query';

import { Spinner } from '@/components/ui/spinner';
import type { RenderedCanned } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { variablesIn } from '../utils/canned-variables';

/**
 * The canned response in focus with this ticket's data filled in by the
 * server, before it goes into the reply; a `{{…}}` still in it is one the
 * server does not fill, and would reach the customer as typed.
 */
export function CannedPreview({ rendered }: { rendered: UseQueryResult<RenderedCanned> }) {
  const left = rendered.data ? variablesIn(rendered.data.text) : [];
  return (
    <section aria-label="Prévia da resposta pronta" className="border-t border-slate-200 bg-slate-50 px-3 py-2 text-xs">
      <p className="font-medium text-slate-600">Prévia (Enter insere)</p>
      {rendered.isPending ? (
        <Spinner size="sm" label="Preenchendo…" />
      ) : rendered.isError ? (
        <p className="text-red-700">{problemMessage(rendered.error)}</p>
      ) : (
        <>
          <p className="mt-0.5 max-h-32 overflow-auto text-sm whitespace-pre-wrap text-slate-900">{rendered.data.text}</p>
          {left.length > 0 && (
            <p className="mt-1 text-amber-800">
              Sem valor: {left.join(', ')}. {left.length === 1 ? 'Ela vai' : 'Elas vão'} como está: edite o texto antes de enviar.
            </p>
          )}
        </>
      )}
    </section>
  );
}
