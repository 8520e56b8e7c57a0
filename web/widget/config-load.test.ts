import { describe, expect, it, vi } from 'vitest';

import { ApiError } from './api';
import { CONFIG } from './chat-harness';
import { loadConfig, waitBefore } from './config-load';

function apiAnswering(...answers: (Error | 'ok')[]) {
  const config = vi.fn(async () => {
    const next = answers.shift();
    if (next && next !== 'ok') throw next;
    return CONFIG;
  });
  return { api: { config, startSession: vi.fn(), history: vi.fn(), send: vi.fn(), seen: vi.fn() }, config };
}

describe('loading the channel’s settings', () => {
  it('retries a rate-limited answer after Retry-After, then shows', async () => {
    const { api, config } = apiAnswering(new ApiError(429, 'Muitas requisições', [], 7), 'ok');
    const sleep = vi.fn(async (_ms: number) => {});
    await expect(loadConfig(api, 't.c', { sleep })).resolves.toEqual(CONFIG);
    expect(config).toHaveBeenCalledTimes(2);
    expect(sleep).toHaveBeenCalledWith(7_000);
  });

  it('backs off exponentially on network and server errors, up to the attempts', async () => {
    const failures = Array.from({ length: 6 }, (_, i) => (i % 2 ? new ApiError(503, 'Indisponível') : new TypeError('Failed to fetch')));
    const { api, config } = apiAnswering(...failures);
    const sleep = vi.fn(async (_ms: number) => {});
    await expect(loadConfig(api, 't.c', { sleep })).rejects.toThrow();
    expect(config).toHaveBeenCalledTimes(6);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('stops at once for an unknown or disabled channel', async () => {
    const { api, config } = apiAnswering(new ApiError(404, 'Canal não encontrado'));
    const sleep = vi.fn(async (_ms: number) => {});
    await expect(loadConfig(api, 't.c', { sleep })).rejects.toMatchObject({ status: 404 });
    expect(config).toHaveBeenCalledTimes(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('never waits more than 30 s', () => {
    expect(waitBefore(10, new TypeError('x'))).toBe(30_000);
    expect(waitBefore(1, new ApiError(429, 'x', [], 3600))).toBe(30_000);
  });
});
