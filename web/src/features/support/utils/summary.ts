import type { Grounding, OfflineSummary, SummaryPoint } from '@/lib/api/models';

export const SPEAKER_LABELS: Record<SummaryPoint['speaker'], string> = {
  customer: 'Cliente',
  team: 'Equipe',
};

/** Nothing said yet (or only notes): the offline summary has nothing to show. */
export function isEmptySummary(summary: OfflineSummary): boolean {
  return !summary.request && summary.points.length === 0 && !summary.last_customer && !summary.last_team;
}

const GROUNDING_PREFIX: Record<Grounding['kind'], string> = {
  invoice: '',
  proposal: 'Proposta ',
  canned: 'Resposta pronta ',
};

/** What a draft drew on, for the agent to check: "FAT-0012, Proposta PROP-0003, Resposta pronta Boleto". */
export function groundingLabel(grounded: Grounding[]): string {
  return grounded.map((item) => `${GROUNDING_PREFIX[item.kind]}${item.label}`).join(', ');
}
