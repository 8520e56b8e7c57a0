import { Spinner } from '@/components/ui/spinner';
import type { Ticket } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useTicketTriage } from '../api/triage';
import { triageTimeline } from '../utils/triage';

import { SentimentBadge } from './badges';
import { correctedFieldsLabel } from './labels';
import { PanelSection } from './panel-section';
import { TriageSummary } from './triage-summary';

/**
 * How triage read the ticket: its first message (which set the category,
 * priority and team), whether an agent corrected that, and the tone of the
 * latest message when it changed. The query is refreshed by the ticket's
 * own changes and its live events (api/ticket.ts, api/live-updates.ts).
 */
export function TicketTriageSection({ ticket }: { ticket: Ticket }) {
  const triages = useTicketTriage(ticket.id);
  if (triages.isPending) {
    return (
      <PanelSection title="Triagem">
        <Spinner size="sm" label="Carregando a triagem…" />
      </PanelSection>
    );
  }
  if (triages.isError) {
    return (
      <PanelSection title="Triagem">
        <p className="text-xs text-red-700">{problemMessage(triages.error)}</p>
      </PanelSection>
    );
  }
  const { first, laterTone } = triageTimeline(triages.data);
  return (
    <PanelSection title="Triagem">
      {first ? (
        <>
          <TriageSummary triage={first} />
          {first.corrected.length > 0 && (
            <p className="rounded-md bg-sky-50 px-2 py-1 text-xs text-sky-900">Corrigido pelo agente ({correctedFieldsLabel(first.corrected)}).</p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-600">Sem triagem: este ticket foi aberto pela equipe, não por uma mensagem do cliente.</p>
      )}
      {laterTone && (
        <p className="flex flex-wrap items-center gap-1 text-xs text-slate-600">
          Sentimento na mensagem de {formatDateTime(laterTone.created_at)}: <SentimentBadge sentiment={laterTone.sentiment} />
        </p>
      )}
    </PanelSection>
  );
}
