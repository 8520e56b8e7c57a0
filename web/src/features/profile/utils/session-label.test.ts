import { describe, expect, it } from 'vitest';

import { formatAgo, formatStamp, sessionLabel, UNKNOWN_BROWSER } from './session-label';

const UA = {
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15',
  chromeAndroid:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};

describe('sessionLabel', () => {
  it('names the browser with its major version and the system', () => {
    expect(sessionLabel(UA.firefoxLinux)).toBe('Firefox 133 no Linux');
    expect(sessionLabel(UA.chromeWindows)).toBe('Chrome 131 no Windows 10');
    expect(sessionLabel(UA.edgeWindows)).toBe('Edge 131 no Windows 10');
    expect(sessionLabel(UA.safariIphone)).toBe('Safari 17 no iOS');
    expect(sessionLabel(UA.safariMac)).toBe('Safari 17 no macOS');
    expect(sessionLabel(UA.chromeAndroid)).toBe('Chrome 131 no Android');
  });

  it('falls back to "Navegador desconhecido" when the user agent says nothing recognisable', () => {
    expect(sessionLabel(null)).toBe(UNKNOWN_BROWSER);
    expect(sessionLabel(undefined)).toBe(UNKNOWN_BROWSER);
    expect(sessionLabel('')).toBe(UNKNOWN_BROWSER);
    expect(sessionLabel('   ')).toBe(UNKNOWN_BROWSER);
    expect(sessionLabel('curl/8.5.0')).toBe(UNKNOWN_BROWSER);
    expect(UNKNOWN_BROWSER).toBe('Navegador desconhecido');
  });

  it('keeps the system when only the browser is unknown', () => {
    expect(sessionLabel('SomeApp (X11; Linux x86_64)')).toBe('Navegador desconhecido no Linux');
  });
});

describe('formatAgo', () => {
  const now = new Date('2026-12-07T15:00:00Z');
  const before = (ms: number) => new Date(now.getTime() - ms).toISOString();

  it('says how long ago, briefly', () => {
    expect(formatAgo(before(20_000), now)).toBe('agora mesmo');
    expect(formatAgo(before(5 * 60_000), now)).toBe('há 5 min');
    expect(formatAgo(before(59 * 60_000), now)).toBe('há 59 min');
    expect(formatAgo(before(3 * 3_600_000), now)).toBe('há 3 h');
    expect(formatAgo(before(26 * 3_600_000), now)).toBe('há 1 dia');
    expect(formatAgo(before(5 * 86_400_000), now)).toBe('há 5 dias');
  });

  it('gives the date after a month, and "agora mesmo" for a clock slightly ahead', () => {
    expect(formatAgo(new Date(2026, 9, 1, 12).toISOString(), now)).toBe('em 01/10/2026');
    expect(formatAgo(new Date(now.getTime() + 5_000).toISOString(), now)).toBe('agora mesmo');
  });
});

describe('formatStamp', () => {
  it('writes the date and the time as people read them in Brazil', () => {
    expect(formatStamp(new Date(2026, 11, 7, 14, 30).toISOString())).toBe('07/12/2026 14:30');
    expect(formatStamp(new Date(2026, 0, 2, 9, 5).toISOString())).toBe('02/01/2026 09:05');
  });
});
