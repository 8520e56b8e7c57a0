import type { Sentiment, TicketTriage, TriageAccuracy, TriageRule } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { plural } from '@/lib/plural';

// Reading a triage for people: confidences as whole percentages, languages
// by name, which of a ticket's triages matter (the first, the latest), and
// what the company's own model has learnt.

const percent = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 0 });

/** 0…1 → "87%"; out-of-range values are clamped (a confidence is a share). */
export function formatShare(value: number): string {
  return percent.format(Math.min(1, Math.max(0, value)));
}

let languageNames: Intl.DisplayNames | null | undefined;

/** "pt" → "Português"; the code itself when the browser has no name for it. */
export function languageName(code: string): string {
  if (languageNames === undefined) {
    try {
      languageNames = new Intl.DisplayNames(['pt-BR'], { type: 'language' });
    } catch {
      languageNames = null;
    }
  }
  let name: string | undefined;
  try {
    name = languageNames?.of(code);
  } catch {
    name = undefined; // not a well-formed language code
  }
  if (!name || name === code) return code.toUpperCase();
  return name.charAt(0).toLocaleUpperCase('pt-BR') + name.slice(1);
}

export const isNegative = (sentiment?: Sentiment | null): boolean => sentiment === 'negative' || sentiment === 'very_negative';

/** The server's sentiment filter: `negative` and `positive` include their "very" level. */
export function sentimentMatches(sentiment: Sentiment | null | undefined, filter: Sentiment): boolean {
  if (!sentiment) return false;
  if (filter === 'negative') return isNegative(sentiment);
  if (filter === 'positive') return sentiment === 'positive' || sentiment === 'very_positive';
  return sentiment === filter;
}

/**
 * A ticket's triages (newest first): the first message's, which set the
 * ticket's labels, and the latest one when a later message changed the tone.
 */
export function triageTimeline(triages: TicketTriage[]): { first: TicketTriage | null; laterTone: TicketTriage | null } {
  const first = triages.find((triage) => triage.initial) ?? null;
  const latest = triages[0] ?? null;
  const laterTone = latest && latest !== first && latest.sentiment !== (first?.sentiment ?? null) ? latest : null;
  return { first, laterTone };
}

/** The server's first training of a company's model (RETRAIN_EVERY in support::triage::feedback). */
const FIRST_MODEL_AT = 10;


/** What the company's own model learnt from, or why the starter model still decides. */
export function modelLine(report: Pick<TriageAccuracy, 'examples' | 'model_examples' | 'model_trained_at'>): string {
  if (report.model_trained_at && report.model_examples != null) {
    return `O modelo da empresa aprendeu com ${plural(report.model_examples, 'exemplo', 'exemplos')} (treinado em ${formatDateTime(report.model_trained_at)}).`;
  }
  const sofar = report.examples > 0 ? ` Até agora: ${plural(report.examples, 'exemplo', 'exemplos')}.` : '';
  return `Ainda sem modelo próprio: a triagem usa o modelo inicial até haver ${FIRST_MODEL_AT} exemplos corrigidos ou resolvidos.${sofar}`;
}

/** Case, accents and spacing aside: "Cobranca " and "cobrança" are one category. */
const foldCategory = (text: string) =>
  text.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('pt-BR');

/** What an agent may pick for a ticket: the categories of the company's rules plus the ones given (the ticket's own), each once, sorted. */
export function categoryChoices(rules: Pick<TriageRule, 'category'>[], ...extra: (string | null | undefined)[]): string[] {
  const byFold = new Map<string, string>();
  for (const category of [...rules.map((rule) => rule.category), ...extra]) {
    const name = category?.trim();
    if (name && !byFold.has(foldCategory(name))) byFold.set(foldCategory(name), name);
  }
  return [...byFold.values()].sort((a, b) => a.localeCompare(b, 'pt-BR'));
}

/**
 * What the agent typed, spelt as the company already spells it when it is
 * the same word ("Cobranca" → "cobrança"): the triage model learns from
 * each spelling as a separate category, and a rule's team follows only its own.
 */
export function canonicalCategory(typed: string, choices: string[]): string {
  const folded = foldCategory(typed);
  return choices.find((choice) => foldCategory(choice) === folded) ?? typed.replace(/\s+/g, ' ').trim();
}
