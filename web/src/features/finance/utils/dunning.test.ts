import { describe, expect, it } from 'vitest';

import { describeOffset, formatDunningOffsets, parseDunningOffsets } from './dunning';

describe('parseDunningOffsets', () => {
  it('reads a list of days relative to the due date', () => {
    expect(parseDunningOffsets('-3, 0, 3, 10')).toEqual({ ok: true, offsets: [-3, 0, 3, 10] });
    expect(parseDunningOffsets('10;3 0 -3')).toEqual({ ok: true, offsets: [-3, 0, 3, 10] });
    expect(parseDunningOffsets('+5, −2')).toEqual({ ok: true, offsets: [-2, 5] });
  });

  it('sorts and drops repeats, like the server', () => {
    expect(parseDunningOffsets('3, 3, -0, 0')).toEqual({ ok: true, offsets: [0, 3] });
  });

  it('takes an empty list as no reminders', () => {
    expect(parseDunningOffsets('')).toEqual({ ok: true, offsets: [] });
    expect(parseDunningOffsets(' , ')).toEqual({ ok: true, offsets: [] });
  });

  it('refuses what the server refuses', () => {
    expect(parseDunningOffsets('1,5').ok).toBe(true); // "1" and "5": a comma separates
    expect(parseDunningOffsets('1.5').ok).toBe(false);
    expect(parseDunningOffsets('amanhã').ok).toBe(false);
    expect(parseDunningOffsets('-31').ok).toBe(false);
    expect(parseDunningOffsets('91').ok).toBe(false);
    expect(parseDunningOffsets('-30, 90').ok).toBe(true);
    expect(parseDunningOffsets('0 1 2 3 4 5 6 7 8 9 10').ok).toBe(false);
  });
});

describe('formatDunningOffsets and describeOffset', () => {
  it('round-trips and explains each day', () => {
    expect(formatDunningOffsets([-3, 0, 3, 10])).toBe('-3, 0, 3, 10');
    expect(parseDunningOffsets(formatDunningOffsets([-3, 0, 3, 10]))).toEqual({ ok: true, offsets: [-3, 0, 3, 10] });
    expect(describeOffset(-3)).toBe('3 dias antes do vencimento');
    expect(describeOffset(0)).toBe('no dia do vencimento');
    expect(describeOffset(1)).toBe('1 dia depois do vencimento');
  });
});
