import type { ReactNode } from 'react';

import type { Triaged } from '@/lib/api/models';

import { useTeams } from '../api/teams';
import { formatShare, languageName } from '../utils/triage';

import { PriorityBadge, SentimentBadge } from './badges';
import { INTENT_LABELS, triageEngineLabel } from './labels';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex items-baseline gap-2">
      <dt className="w-24 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-slate-800">{children}</dd>
    </div>
  );
}

function Confidence({ value }: { value?: number | null }) {
  if (value == null) return null;
  return (
    <span className="ml-1 text-xs text-slate-500" title="Confiança da triagem">
      {formatShare(value)}
    </span>
  );
}

function TeamName({ id }: { id: string }) {
  const teams = useTeams();
  return <>{teams.data?.find((team) => team.id === id)?.name ?? 'Equipe removida'}</>;
}

/**
 * What triage read in a message: intent, category, priority (each with its
 * confidence), tone, language, urgency cues, and who decided and why. The
 * ticket's side panel and the settings' "Testar triagem" show the same block.
 */
export function TriageSummary({ triage }: { triage: Triaged }) {
  return (
    <div className="space-y-2 text-sm">
      <dl className="space-y-1">
        <Row label="Intenção">
          <span className="font-medium">{INTENT_LABELS[triage.intent]}</span>
          <Confidence value={triage.intent_confidence} />
        </Row>
        <Row label="Categoria">
          {triage.category ? (
            <>
              {triage.category}
              <Confidence value={triage.category_confidence} />
            </>
          ) : (
            <span className="text-slate-500">Sem categoria</span>
          )}
        </Row>
        <Row label="Prioridade">
          <PriorityBadge priority={triage.priority} />
          <Confidence value={triage.priority_confidence} />
        </Row>
        <Row label="Sentimento">
          <SentimentBadge sentiment={triage.sentiment} />
        </Row>
        <Row label="Idioma">{triage.language ? languageName(triage.language) : <span className="text-slate-500">Não identificado</span>}</Row>
        {triage.team_id && (
          <Row label="Equipe">
            <TeamName id={triage.team_id} />
          </Row>
        )}
        <Row label="Decidido por">{triageEngineLabel(triage.engine)}</Row>
      </dl>
      {triage.cues.length > 0 && (
        <ul aria-label="Sinais de urgência" className="flex flex-wrap gap-1">
          {triage.cues.map((cue) => (
            <li key={cue} className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">
              {cue}
            </li>
          ))}
        </ul>
      )}
      {/* The server's own sentence, which already names the engine ("Modelo inicial: intenção cancelar (100%)…"). */}
      <p className="text-xs text-slate-600">{triage.reason}</p>
    </div>
  );
}
