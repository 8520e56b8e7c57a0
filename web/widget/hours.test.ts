import { describe, expect, it } from 'vitest';

import { isClosed, offlineNotice, reopening } from './hours';

describe('business hours', () => {
  it('says when it opens again, in the visitor’s time zone', () => {
    expect(reopening('2025-12-08T11:00:00Z', 'America/Sao_Paulo')).toBe('Voltamos segunda-feira, 08/12, às 08:00.');
    expect(reopening('2025-12-08T11:00:00Z', 'Europe/Lisbon')).toBe('Voltamos segunda-feira, 08/12, às 11:00.');
    expect(reopening('2025-12-08T02:30:00Z', 'America/Sao_Paulo')).toBe('Voltamos domingo, 07/12, às 23:30.');
    expect(reopening('2025-12-08T03:00:00Z', 'America/Sao_Paulo')).toBe('Voltamos segunda-feira, 08/12, às 00:00.');
    expect(reopening(null)).toBeNull();
    expect(reopening('amanhã')).toBeNull();
  });

  it('joins the company’s message and the next opening', () => {
    const config = { offline_message: ' Estamos fora do horário. ', next_open: '2025-12-08T11:00:00Z' };
    expect(offlineNotice(config, 'America/Sao_Paulo')).toBe('Estamos fora do horário. Voltamos segunda-feira, 08/12, às 08:00.');
    expect(offlineNotice({ ...config, next_open: null })).toBe('Estamos fora do horário.');
  });

  it('is closed until the next opening', () => {
    const now = Date.parse('2025-12-07T12:00:00Z');
    expect(isClosed({ open_now: true, next_open: null }, now)).toBe(false);
    expect(isClosed({ open_now: false, next_open: '2025-12-08T11:00:00Z' }, now)).toBe(true);
    expect(isClosed({ open_now: false, next_open: '2025-12-07T11:00:00Z' }, now)).toBe(false);
    expect(isClosed({ open_now: false, next_open: null }, now)).toBe(true);
  });
});
