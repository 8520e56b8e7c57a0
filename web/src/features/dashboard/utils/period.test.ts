import { describe, expect, it } from 'vitest';

import { periodSlug, readPeriod } from './period';

const params = (periodo = '', de = '', ate = '') => ({ periodo, de, ate });

describe('the period in the URL', () => {
  it('is the last 30 days by default, or when unknown', () => {
    expect(readPeriod(params())).toMatchObject({ period: '30d', query: { period: '30d' }, problem: null });
    expect(readPeriod(params('ontem')).period).toBe('30d');
  });

  it('asks for a named period without dates', () => {
    expect(readPeriod(params('7d', '2026-01-01', '2026-01-02')).query).toEqual({ period: '7d' });
    expect(readPeriod(params('quarter')).query).toEqual({ period: 'quarter' });
  });

  it('asks for a custom period only with both dates in order', () => {
    expect(readPeriod(params('custom', '2026-11-01', '2026-11-30'))).toMatchObject({
      query: { period: 'custom', from: '2026-11-01', to: '2026-11-30' },
      problem: null,
    });
    expect(readPeriod(params('custom', '2026-11-01'))).toMatchObject({ query: null, problem: 'Escolha as datas inicial e final do período.' });
    expect(readPeriod(params('custom', '2026-11-30', '2026-11-01')).problem).toBe('A data final deve ser igual ou posterior à inicial.');
    expect(readPeriod(params('custom', '2024-01-01', '2025-01-01')).problem).toBe('Escolha um período de até 366 dias.');
    expect(readPeriod(params('custom', '2024-01-01', '2024-12-31')).query).not.toBeNull();
    expect(readPeriod(params('custom', '01/11/2026', '2026-11-30')).from).toBe('');
  });

  it('names the period for a file', () => {
    expect(periodSlug({ period: '7d' })).toBe('7d');
    expect(periodSlug({ period: 'custom', from: '2026-11-01', to: '2026-11-30' })).toBe('2026-11-01_2026-11-30');
  });
});
