// The channel's settings decide whether the launcher shows at all, so the
// first request is not given up on a busy or briefly unreachable server
// (429, 5xx, network): it is retried with growing waits, or as long as the
// server's Retry-After says. An unknown or disabled channel (404, any other
// 4xx) is final.
import { ApiError } from './api';
import type { Api, WidgetConfig } from './api';

const ATTEMPTS = 6;
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 30_000;

export interface RetryOptions {
  attempts?: number;
  sleep?: (ms: number) => Promise<void>;
}

export function retryable(error: unknown): boolean {
  return error instanceof ApiError ? error.status === 429 || error.status >= 500 : true;
}

/** The wait before attempt `attempt + 1`: Retry-After when given, else 1 s, 2 s, 4 s…; at most 30 s. */
export function waitBefore(attempt: number, error: unknown): number {
  const asked = error instanceof ApiError ? error.retryAfter : undefined;
  return Math.min(MAX_WAIT_MS, asked !== undefined ? asked * 1_000 : FIRST_WAIT_MS * 2 ** (attempt - 1));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function loadConfig(
  api: Api,
  channel: string,
  { attempts = ATTEMPTS, sleep = delay }: RetryOptions = {},
): Promise<WidgetConfig> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api.config(channel);
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      await sleep(waitBefore(attempt, error));
    }
  }
}
