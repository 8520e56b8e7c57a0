import { StatusPill } from '@/components/log-table';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import type { LlmSummary, OfflineSummary } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useSummariseWithLlm, useTicketSummary } from '../api/summary';
import { isEmptySummary, SPEAKER_LABELS } from '../utils/summary';

import { triageEngineLabel } from './labels';
import { PanelSection } from './panel-section';

/** The LLM's summary as last asked for, marked when messages arrived since. */
function LlmSummaryView({ summary }: { summary: LlmSummary }) {
  return (
    <div className="space-y-1 rounded-md bg-indigo-50 p-2 text-sm">
      <p className="flex flex-wrap items-center gap-1 text-xs font-semibold text-indigo-900">
        Resumo por IA
        {summary.stale && <StatusPill className="bg-amber-100 text-amber-900">desatualizado</StatusPill>}
      </p>
      <p className="whitespace-pre-line text-slate-800">{summary.text}</p>
      <p className="text-xs text-slate-500">
        {triageEngineLabel(summary.engine)} · {summary.model} · {formatDateTime(summary.created_at)}
      </p>
    </div>
  );
}

/** The conversation's own sentences: what the customer asked, the points, and each side's last word. */
function OfflineSummaryView({ summary }: { summary: OfflineSummary }) {
  if (isEmptySummary(summary)) return <p className="text-sm text-slate-600">Sem mensagens para resumir ainda.</p>;
  return (
    <dl className="space-y-2 text-sm">
      {summary.request && (
        <div>
          <dt className="text-xs text-slate-500">Pedido do cliente</dt>
          <dd className="text-slate-800">{summary.request}</dd>
        </div>
      )}
      {summary.points.length > 0 && (
        <div>
          <dt className="text-xs text-slate-500">Pontos da conversa</dt>
          <dd>
            <ul className="list-disc space-y-0.5 pl-4 text-slate-800">
              {summary.points.map((point, i) => (
                <li key={`${i}-${point.text}`}>
                  <span className="font-medium">{SPEAKER_LABELS[point.speaker]}:</span> {point.text}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
      {summary.last_customer && (
        <div>
          <dt className="text-xs text-slate-500">Última mensagem do cliente</dt>
          <dd className="text-slate-800">{summary.last_customer}</dd>
        </div>
      )}
      {summary.last_team && (
        <div>
          <dt className="text-xs text-slate-500">Última resposta da equipe</dt>
          <dd className="text-slate-800">{summary.last_team}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * "Resumo": the conversation in a few lines for whoever picks the ticket up,
 * and, when the company has an LLM, its summary on request. Read again when
 * the ticket's messages change (api/messages.ts, api/live-updates.ts).
 */
export function TicketSummarySection({ ticketId }: { ticketId: string }) {
  const summary = useTicketSummary(ticketId);
  const summarise = useSummariseWithLlm();
  if (summary.isPending) {
    return (
      <PanelSection title="Resumo">
        <Spinner size="sm" label="Carregando o resumo…" />
      </PanelSection>
    );
  }
  if (summary.isError) {
    return (
      <PanelSection title="Resumo">
        <p className="text-xs text-red-700">{problemMessage(summary.error)}</p>
      </PanelSection>
    );
  }
  const { offline, llm, llm_available: llmAvailable } = summary.data;
  return (
    <PanelSection title="Resumo">
      {llm && <LlmSummaryView summary={llm} />}
      <OfflineSummaryView summary={offline} />
      {llmAvailable && (
        <Button size="sm" variant="secondary" isLoading={summarise.isPending} onClick={() => summarise.mutate(ticketId)}>
          {llm ? 'Atualizar resumo com IA' : 'Resumir com IA'}
        </Button>
      )}
      {summarise.isError && (
        <p role="alert" className="text-xs text-red-700">
          {problemMessage(summarise.error)}
        </p>
      )}
    </PanelSection>
  );
}
