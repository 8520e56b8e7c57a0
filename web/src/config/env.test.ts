import { describe, expect, it } from 'vitest';
import * as z from 'zod';

import { parseEnv } from './env';

describe('parseEnv', () => {
  it('has the defaults', () => {
    expect(parseEnv({})).toEqual({ API_URL: '/api/v1', SOCKET_URL: undefined, ENABLE_REALTIME: true });
  });

  it('reads the variables', () => {
    expect(parseEnv({ API_URL: 'https://api.example.com/v1', SOCKET_URL: 'https://rt.example.com', ENABLE_REALTIME: 'false' })).toEqual({
      API_URL: 'https://api.example.com/v1',
      SOCKET_URL: 'https://rt.example.com',
      ENABLE_REALTIME: false,
    });
  });

  it('refuses what would break requests', () => {
    expect(() => parseEnv({ API_URL: '' })).toThrow(/API_URL/);
    expect(() => parseEnv({ ENABLE_REALTIME: 'yes' })).toThrow(/ENABLE_REALTIME/);
  });

  it('keeps zod off `new Function` (the CSP has no unsafe-eval)', () => {
    expect(z.config().jitless).toBe(true);
  });
});
