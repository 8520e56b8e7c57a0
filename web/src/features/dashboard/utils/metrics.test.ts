import { describe, expect, it } from 'vitest';

import { describeChange, describePointChange, formatDecimal, formatDuration, formatPercent, ratioOf } from './metrics';

describe('the change against the period before', () => {
  it('is a rounded percentage of the previous value, up or down', () => {
    expect(describeChange(15, 10)).toMatchObject({ direction: 'up', text: '▲ 50%', tone: 'good' });
    expect(describeChange(8, 10)).toMatchObject({ direction: 'down', text: '▼ 20%', tone: 'bad' });
    expect(describeChange(1001, 1000)).toMatchObject({ direction: 'flat', text: '0%', tone: 'neutral' });
    expect(describeChange(2500, 100).text).toBe('▲ 2.400%');
    expect(describeChange(2, 1).label).toBe('Alta de 100% em relação ao período anterior');
  });

  it('has no percentage when the period before had nothing', () => {
    expect(describeChange(3, 0)).toMatchObject({ direction: 'new', text: '▲ novo', label: 'Nenhum no período anterior' });
    expect(describeChange(0, 0)).toMatchObject({ direction: 'flat', text: '0%' });
  });

  it('has nothing to say without one of the values', () => {
    expect(describeChange(null, 10)).toMatchObject({ direction: 'none', text: '—' });
    expect(describeChange(600, undefined)).toMatchObject({ direction: 'none', text: '—' });
  });

  it('colours by which way is good news', () => {
    // A slower first response is bad; a faster one good.
    expect(describeChange(900, 600, 'down').tone).toBe('bad');
    expect(describeChange(300, 600, 'down').tone).toBe('good');
    expect(describeChange(5, 0, 'down').tone).toBe('bad');
    expect(describeChange(5, 1, 'neutral').tone).toBe('neutral');
  });

  it('compares shares in percentage points', () => {
    expect(describePointChange(0.9, 0.85)).toMatchObject({ direction: 'up', text: '▲ 5 p.p.' });
    expect(describePointChange(0.5, 0.625)).toMatchObject({ direction: 'down', text: '▼ 12,5 p.p.', tone: 'bad' });
    expect(describePointChange(0.5, 0.5).text).toBe('0 p.p.');
    expect(describePointChange(0.5, null).text).toBe('—');
  });
});

describe('durations', () => {
  it('reads as people say them', () => {
    expect(formatDuration(40)).toBe('40 s');
    expect(formatDuration(12 * 60)).toBe('12 min');
    expect(formatDuration(12 * 60 + 20)).toBe('12 min');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(2 * 86_400)).toBe('2 d');
    expect(formatDuration(86_400 + 4 * 3600)).toBe('1 d 4 h');
    expect(formatDuration(0)).toBe('0 s');
  });

  it('rounds across a unit to the larger one', () => {
    expect(formatDuration(59 * 60 + 50)).toBe('1 h');
    expect(formatDuration(23 * 3600 + 59 * 60 + 50)).toBe('1 d');
  });

  it('is a dash without a value', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(undefined)).toBe('—');
  });
});

describe('shares and decimals', () => {
  it('writes percentages and decimals in pt-BR', () => {
    expect(formatPercent(ratioOf(17, 20))).toBe('85%');
    expect(formatPercent(ratioOf(1, 3))).toBe('33,3%');
    expect(formatPercent(ratioOf(0, 0))).toBe('—');
    expect(formatDecimal(4.25)).toBe('4,3');
    expect(formatDecimal(null)).toBe('—');
  });
});
