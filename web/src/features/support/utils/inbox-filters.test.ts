import { describe, expect, it } from 'vitest';

import { hasNarrowingFilters, readInboxFilters, withInboxFilter } from './inbox-filters';

describe('inbox filters in the URL', () => {
  it('reads known values and ignores the rest', () => {
    const params = new URLSearchParams('visao=unassigned&situacao=any&canal=0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b&etiqueta=Boleto&sla=breached&q=%20nf%20');
    expect(readInboxFilters(params)).toEqual({
      view: 'unassigned',
      status: 'any',
      channel_id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
      tag: 'boleto',
      sla: 'breached',
      intent: undefined,
      sentiment: undefined,
      q: 'nf',
    });
    expect(readInboxFilters(new URLSearchParams('visao=x&situacao=y&canal=abc&sla=z'))).toEqual({
      view: 'mine',
      status: undefined,
      channel_id: undefined,
      tag: undefined,
      sla: undefined,
      intent: undefined,
      sentiment: undefined,
      q: undefined,
    });
    expect(readInboxFilters(new URLSearchParams(''), 'all').view).toBe('all');
  });

  it('reads the triage filters: intent and sentiment', () => {
    expect(readInboxFilters(new URLSearchParams('intencao=cancelar&sentimento=negative'))).toMatchObject({ intent: 'cancelar', sentiment: 'negative' });
    expect(readInboxFilters(new URLSearchParams('intencao=comprar_muito&sentimento=bravo'))).toMatchObject({ intent: undefined, sentiment: undefined });
    expect(withInboxFilter(new URLSearchParams('visao=all'), 'sentiment', 'very_negative').toString()).toBe('visao=all&sentimento=very_negative');
    expect(withInboxFilter(new URLSearchParams('visao=all&intencao=elogio'), 'intent', '').toString()).toBe('visao=all');
  });

  it('changes one filter at a time', () => {
    const params = new URLSearchParams('visao=all&q=boleto');
    expect(withInboxFilter(params, 'status', 'resolved').toString()).toBe('visao=all&q=boleto&situacao=resolved');
    expect(withInboxFilter(params, 'q', undefined).toString()).toBe('visao=all');
    expect(params.toString()).toBe('visao=all&q=boleto');
  });

  it('knows when the list is narrowed', () => {
    expect(hasNarrowingFilters({ view: 'all' })).toBe(false);
    expect(hasNarrowingFilters({ view: 'all', tag: 'vip' })).toBe(true);
    expect(hasNarrowingFilters({ view: 'all', sentiment: 'negative' })).toBe(true);
    expect(hasNarrowingFilters({ view: 'all', intent: 'cancelar' })).toBe(true);
  });
});
