import { describe, expect, it } from 'vitest';

import { describeChange, risingTermLabel } from './trends';

describe('describeChange', () => {
  it('marks a rise and a fall with arrows and whole percentages', () => {
    expect(describeChange(50)).toEqual({ direction: 'up', text: '▲ 50%' });
    expect(describeChange(-33.4)).toEqual({ direction: 'down', text: '▼ 33%' });
    expect(describeChange(1250)).toEqual({ direction: 'up', text: '▲ 1.250%' });
  });

  it('says nothing changed, and shows a dash when the period before had no tickets', () => {
    expect(describeChange(0.2)).toEqual({ direction: 'flat', text: '0%' });
    expect(describeChange(null)).toEqual({ direction: 'none', text: '—' });
  });
});

describe('risingTermLabel', () => {
  it('shows the word with its counts now and before', () => {
    expect(risingTermLabel({ term: 'cobrança', current: 3, previous: 0 })).toBe('cobrança (3 × 0)');
  });
});
