import { describe, expect, it } from 'vitest';

import { formatMinutes, joinMinutes, splitMinutes } from './durations';

describe('SLA durations', () => {
  it('shows minutes as hours and minutes', () => {
    expect(formatMinutes(30)).toBe('30 min');
    expect(formatMinutes(240)).toBe('4 h');
    expect(formatMinutes(90)).toBe('1 h 30 min');
    expect(formatMinutes(2880)).toBe('48 h');
  });

  it('splits and joins what the form shows', () => {
    expect(splitMinutes(1440)).toEqual({ hours: '24', minutes: '0' });
    expect(joinMinutes('4', '30')).toBe(270);
    expect(joinMinutes('', '45')).toBe(45);
    expect(joinMinutes('1', '')).toBe(60);
    expect(joinMinutes('1', '60')).toBeNull();
    expect(joinMinutes('1,5', '0')).toBeNull();
    expect(joinMinutes('-1', '0')).toBeNull();
  });
});
