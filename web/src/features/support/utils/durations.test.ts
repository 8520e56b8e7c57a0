import { describe, expect, it } from 'vitest';

import { formatBusinessMinutes, joinMinutes, splitMinutes } from './durations';

describe('SLA durations', () => {
  it('says a business-time target in words, singular or plural', () => {
    expect(formatBusinessMinutes(60)).toBe('1 hora útil');
    expect(formatBusinessMinutes(240)).toBe('4 horas úteis');
    expect(formatBusinessMinutes(1)).toBe('1 minuto útil');
    expect(formatBusinessMinutes(0)).toBe('0 minutos úteis');
    expect(formatBusinessMinutes(45)).toBe('45 minutos úteis');
    expect(formatBusinessMinutes(61)).toBe('1 hora e 1 minuto úteis');
    expect(formatBusinessMinutes(150)).toBe('2 horas e 30 minutos úteis');
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
