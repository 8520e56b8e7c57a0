import { describe, expect, it } from 'vitest';

import type { TicketTriage } from '@/lib/api/models';

import { canonicalCategory, categoryChoices, formatShare, isNegative, languageName, modelLine, sentimentMatches, triageTimeline } from './triage';

function triage(overrides: Partial<TicketTriage> = {}): TicketTriage {
  return {
    id: 'tr1',
    message_id: 'm1',
    initial: true,
    category: null,
    category_confidence: null,
    intent: 'cancelar',
    intent_confidence: 0.8,
    priority: 'urgent',
    priority_confidence: 0.9,
    sentiment: 'negative',
    sentiment_score: -0.4,
    sentiment_confidence: 0.7,
    language: 'pt',
    cues: [],
    team_id: null,
    engine: 'starter_model',
    reason: 'Modelo inicial.',
    corrected: [],
    created_at: '2026-11-03T12:00:00Z',
    ...overrides,
  };
}

describe('triage for people', () => {
  it('shows confidences as whole percentages, clamped to 0–100 %', () => {
    expect(formatShare(0.874)).toBe('87%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(1.2)).toBe('100%');
    expect(formatShare(-0.1)).toBe('0%');
  });

  it('names languages in Portuguese and falls back to the code', () => {
    expect(languageName('pt')).toBe('Português');
    expect(languageName('es')).toBe('Espanhol');
    expect(languageName('xx')).toBe('XX');
  });

  it('matches the server’s sentiment filter: negative and positive include their “very” level', () => {
    expect(sentimentMatches('very_negative', 'negative')).toBe(true);
    expect(sentimentMatches('negative', 'very_negative')).toBe(false);
    expect(sentimentMatches('very_positive', 'positive')).toBe(true);
    expect(sentimentMatches('neutral', 'neutral')).toBe(true);
    expect(sentimentMatches(null, 'neutral')).toBe(false);
    expect(isNegative('very_negative')).toBe(true);
    expect(isNegative('neutral')).toBe(false);
  });

  it('keeps the first message’s triage and a later one only when its tone changed', () => {
    const first = triage();
    expect(triageTimeline([])).toEqual({ first: null, laterTone: null });
    expect(triageTimeline([first])).toEqual({ first, laterTone: null });
    const sameTone = triage({ id: 'tr2', initial: false, sentiment: 'negative' });
    expect(triageTimeline([sameTone, first])).toEqual({ first, laterTone: null });
    const calmer = triage({ id: 'tr3', initial: false, sentiment: 'positive' });
    expect(triageTimeline([calmer, sameTone, first])).toEqual({ first, laterTone: calmer });
  });

  it('says what the company’s model learnt, or why the starter model still decides', () => {
    expect(modelLine({ examples: 0, model_examples: null, model_trained_at: null })).toBe(
      'Ainda sem modelo próprio: a triagem usa o modelo inicial até haver 10 exemplos corrigidos ou resolvidos.',
    );
    expect(modelLine({ examples: 1, model_examples: null, model_trained_at: null })).toMatch(/Até agora: 1 exemplo\.$/);
    expect(modelLine({ examples: 1234, model_examples: 1230, model_trained_at: '2026-11-03T15:30:00Z' })).toMatch(
      /^O modelo da empresa aprendeu com 1\.230 exemplos \(treinado em \d\d\/11\/2026,? \d\d:30\)\.$/,
    );
  });
});

describe('ticket categories', () => {
  const rules = [{ category: 'cobrança' }, { category: null }, { category: 'Suporte técnico' }, { category: 'Cobranca ' }, { category: 'acesso' }];

  it('offers the rules’ categories and the ticket’s own, each once, in pt-BR order', () => {
    expect(categoryChoices(rules, 'instalação', null, 'ACESSO')).toEqual(['acesso', 'cobrança', 'instalação', 'Suporte técnico']);
    expect(categoryChoices([])).toEqual([]);
  });

  it('spells a typed category as the company does, else keeps it trimmed', () => {
    const choices = categoryChoices(rules);
    expect(canonicalCategory('  COBRANCA ', choices)).toBe('cobrança');
    expect(canonicalCategory('suporte   tecnico', choices)).toBe('Suporte técnico');
    expect(canonicalCategory('  Mudança  de endereço ', choices)).toBe('Mudança de endereço');
    expect(canonicalCategory('   ', choices)).toBe('');
  });
});
