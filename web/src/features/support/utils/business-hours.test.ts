import { describe, expect, it } from 'vitest';

import { describeBusinessHours, isTime, sortWindows, validateBusinessHours, weekdaysTemplate } from './business-hours';

describe('validateBusinessHours', () => {
  it('accepts Monday to Friday 08–18 and split days', () => {
    expect(validateBusinessHours(weekdaysTemplate())).toEqual({});
    expect(
      validateBusinessHours([
        { weekday: 6, opens: '08:00', closes: '12:00' },
        { weekday: 6, opens: '13:00', closes: '17:00' },
      ]),
    ).toEqual({});
  });

  it('explains each broken row', () => {
    const errors = validateBusinessHours([
      { weekday: 1, opens: '18:00', closes: '08:00' },
      { weekday: 0, opens: '08:00', closes: '18:00' },
      { weekday: 2, opens: '8h', closes: '18:00' },
      { weekday: 3, opens: '09:00', closes: '09:00' },
    ]);
    expect(errors[0]).toMatch(/abertura deve ser antes/);
    expect(errors[1]).toMatch(/dia da semana/);
    expect(errors[2]).toMatch(/HH:MM/);
    expect(errors[3]).toMatch(/abertura deve ser antes/);
  });

  it('flags an overlap on the same day, on the later row', () => {
    const errors = validateBusinessHours([
      { weekday: 1, opens: '08:00', closes: '12:00' },
      { weekday: 2, opens: '08:00', closes: '12:00' },
      { weekday: 1, opens: '11:00', closes: '14:00' },
    ]);
    expect(errors).toEqual({ 2: 'Este horário se sobrepõe a outro do mesmo dia.' });
  });

  it('lets a window end when the next begins', () => {
    expect(
      validateBusinessHours([
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 1, opens: '12:00', closes: '18:00' },
      ]),
    ).toEqual({});
  });
});

describe('helpers', () => {
  it('reads HH:MM', () => {
    expect(isTime('00:00')).toBe(true);
    expect(isTime('23:59')).toBe(true);
    expect(isTime('24:00')).toBe(false);
    expect(isTime('8:00')).toBe(false);
  });

  it('sorts by day and time', () => {
    expect(
      sortWindows([
        { weekday: 2, opens: '13:00', closes: '18:00' },
        { weekday: 1, opens: '08:00', closes: '12:00' },
        { weekday: 2, opens: '08:00', closes: '12:00' },
      ]).map((window) => `${window.weekday} ${window.opens}`),
    ).toEqual(['1 08:00', '2 08:00', '2 13:00']);
  });

  it('describes the hours in one line', () => {
    expect(describeBusinessHours([])).toBe('Horário da empresa');
    expect(describeBusinessHours(weekdaysTemplate())).toBe('Seg–Sex 08:00–18:00');
    expect(describeBusinessHours([...weekdaysTemplate(), { weekday: 6, opens: '08:00', closes: '12:00' }])).toBe('Seg–Sex 08:00–18:00; Sáb 08:00–12:00');
    expect(
      describeBusinessHours([
        { weekday: 1, opens: '09:00', closes: '17:00' },
        { weekday: 3, opens: '09:00', closes: '17:00' },
      ]),
    ).toBe('Seg, Qua 09:00–17:00');
  });
});
