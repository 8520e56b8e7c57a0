import { describe, expect, it } from 'vitest';

import { addDaysIso, formatIsoDate, todayIso } from './format';

describe('calendar dates', () => {
  it('writes AAAA-MM-DD as dd/mm/aaaa without a time zone shift', () => {
    expect(formatIsoDate('2026-03-01')).toBe('01/03/2026');
    expect(formatIsoDate('2026-12-31')).toBe('31/12/2026');
    expect(formatIsoDate('nope')).toBe('nope');
  });

  it('adds days across months and years', () => {
    expect(addDaysIso('2026-01-28', 5)).toBe('2026-02-02');
    expect(addDaysIso('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDaysIso('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads today in local time', () => {
    expect(todayIso(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
