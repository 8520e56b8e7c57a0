import { describe, expect, it } from 'vitest';

import { estimateProration, previousPeriodStart } from './proration';

describe('previousPeriodStart', () => {
  it('goes back one period on the anchor day', () => {
    expect(previousPeriodStart('2026-04-10', 1, 10)).toBe('2026-03-10');
    expect(previousPeriodStart('2026-03-31', 1, 31)).toBe('2026-02-28');
    expect(previousPeriodStart('2026-01-15', 3, 15)).toBe('2025-10-15');
    expect(previousPeriodStart('2027-01-01', 12, 1)).toBe('2026-01-01');
  });
});

describe('estimateProration', () => {
  const base = { nextBillingDate: '2026-05-01', intervalMonths: 1, anchorDay: 1 };

  it('charges the difference for the days left in the current period', () => {
    // April has 30 days; 15 left from the 16th: (20000 − 10000) × 15 / 30.
    expect(estimateProration({ ...base, fromCents: 10_000, toCents: 20_000, today: '2026-04-16' })).toBe(5_000);
  });

  it('credits a downgrade (negative) and rounds half away from zero', () => {
    expect(estimateProration({ ...base, fromCents: 10_000, toCents: 5_000, today: '2026-04-16' })).toBe(-2_500);
    // 1 × 1 / 30 = 0,033… → 0; 15 × 1 / 30 = 0,5 → 1.
    expect(estimateProration({ ...base, fromCents: 0, toCents: 1, today: '2026-04-30' })).toBe(0);
    expect(estimateProration({ ...base, fromCents: 0, toCents: 15, today: '2026-04-30' })).toBe(1);
  });

  it('is zero outside the current period', () => {
    expect(estimateProration({ ...base, fromCents: 10_000, toCents: 20_000, today: '2026-05-01' })).toBe(0);
    expect(estimateProration({ ...base, fromCents: 10_000, toCents: 20_000, today: '2026-03-31' })).toBe(0);
  });
});
