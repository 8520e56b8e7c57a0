import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/problem';

import { useDraftReply, useTicketSummary } from '../api/summary';
import { groundingLabel } from '../utils/summary';

/**
 * "Rascunho com IA", for companies with an LLM: a reply drafted from the
 * conversation and what the company knows of the customer goes into the
 * composer to edit (nothing is sent), with what it drew on. Placed in the
 * composer's wrapping toolbar: the notes below it take a line of their own.
 */
export function DraftReplyButton({ ticketId, onUse }: { ticketId: string; onUse: (text: string) => void }) {
  const summary = useTicketSummary(ticketId);
  const draft = useDraftReply();
  if (!summary.data?.llm_available) return null;
  const grounded = draft.data?.grounded_on ?? [];
  return (
    <>
      <Button
        type="button"
        size="sm"
        variant="ghost"
        isLoading={draft.isPending}
        onClick={() => draft.mutate(ticketId, { onSuccess: (result) => onUse(result.text) })}
      >
        Rascunho com IA
      </Button>
      {grounded.length > 0 && <p className="order-last w-full text-right text-xs text-slate-500">Baseado em: {groundingLabel(grounded)}</p>}
      {draft.isError && (
        <p role="alert" className="order-last w-full text-right text-xs text-red-700">
          {problemMessage(draft.error)}
        </p>
      )}
    </>
  );
}
