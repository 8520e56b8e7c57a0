import { env } from '@/config/env';

import type { Problem, TokenPair } from './api/models';
import { ApiError, fallbackProblem } from './problem';
import { readRefreshToken, useSession } from './session';

// The one HTTP client. It adds the bearer token, refreshes it once on a 401
// (one refresh at a time, shared by every request waiting for it) and retries.
// When the session cannot be renewed it calls the session-expired handler that
// the app registered — the only side effect it has; no toasts, no redirects.

type Query = Record<string, string | number | boolean | null | undefined>;

export type RequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON body. */
  json?: unknown;
  /** Raw body (a file); `contentType` says what it is. */
  body?: Blob | ArrayBuffer;
  contentType?: string;
  query?: Query;
  /** `false` for the public /auth endpoints. */
  auth?: boolean;
  responseType?: 'json' | 'blob';
  /** Extra request headers (`If-Match`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

let onSessionExpired: () => void = () => useSession.getState().clear();

/** Called when the refresh token is gone or refused; the app clears its caches and the router redirects. */
export function setSessionExpiredHandler(handler: () => void) {
  onSessionExpired = handler;
}

function buildUrl(path: string, query?: Query) {
  let url = `${env.API_URL}${path}`;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
    }
    const search = params.toString();
    if (search) url += `?${search}`;
  }
  return url;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterHeader = response.headers.get('Retry-After');
  const retryAfter = retryAfterHeader && /^\d+$/.test(retryAfterHeader) ? Number(retryAfterHeader) : null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      if (body && typeof body === 'object') {
        const base = fallbackProblem(response.status, response.statusText);
        return new ApiError({ ...base, ...body, status: body.status ?? response.status }, retryAfter);
      }
    } catch {
      // not JSON after all: fall through
    }
  }
  return new ApiError(fallbackProblem(response.status, response.statusText), retryAfter);
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(fallbackProblem(0, 'Sem conexão'));
  }
}

let refreshing: Promise<string | null> | null = null;

/** A renewal answered 429 is tried again after Retry-After, this many times, waiting at most this long each. */
const REFRESH_RETRIES = 2;
const MAX_REFRESH_WAIT_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function doRefresh(): Promise<string | null> {
  const refreshToken = readRefreshToken();
  if (!refreshToken) return null;
  const attempt = () =>
    send(buildUrl('/auth/refresh'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refresh_token: refreshToken }),
    });
  let response = await attempt();
  // Too many renewals from this address (an office reloading at once): the
  // session is not over, so wait as told and try again rather than showing
  // an error page in place of the app.
  for (let retry = 0; response.status === 429 && retry < REFRESH_RETRIES; retry += 1) {
    const seconds = Number(response.headers.get('Retry-After') ?? '1');
    await sleep(Math.min(Number.isFinite(seconds) ? seconds * 1000 : 1000, MAX_REFRESH_WAIT_MS));
    response = await attempt();
  }
  if (response.ok) {
    const pair = (await response.json()) as TokenPair;
    useSession.getState().setTokens(pair);
    return pair.access_token;
  }
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    return null; // refused: the session is over
  }
  throw await toApiError(response); // server trouble: keep the session, report the error
}

/**
 * Renews the access token; concurrent callers share one request. Across tabs
 * the Web Locks API serialises refreshes, so two tabs never spend the same
 * (rotating) refresh token. Resolves to null when the session is over.
 */
export function refreshAccessToken(staleToken: string | null = null): Promise<string | null> {
  if (refreshing === null) {
    const run = async () => {
      // Another request (or tab) already refreshed while this one waited.
      const current = useSession.getState();
      if (current.accessToken && current.accessToken !== staleToken && !isExpired(current.accessExpiresAt)) {
        return current.accessToken;
      }
      return doRefresh();
    };
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    const attempt = locks ? withLock(locks, run) : run();
    const shared = attempt.finally(() => {
      refreshing = null;
    });
    refreshing = shared;
    return shared;
  }
  return refreshing;
}

async function withLock(locks: LockManager, run: () => Promise<string | null>): Promise<string | null> {
  let result: string | null = null;
  await locks.request('conectcrm-refresh', async () => {
    result = await run();
  });
  return result;
}

function isExpired(expiresAt: number | null) {
  return expiresAt !== null && Date.now() >= expiresAt;
}

function expireSession(): never {
  onSessionExpired();
  throw new ApiError(fallbackProblem(401, 'Sessão expirada'));
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const {
    method = 'GET',
    json,
    body,
    contentType,
    query,
    auth = true,
    responseType = 'json',
    headers: extraHeaders,
    signal,
  } = options;
  const url = buildUrl(path, query);

  const init = (token: string | null): RequestInit => {
    const headers: Record<string, string> = {
      Accept: responseType === 'json' ? 'application/json, application/problem+json' : '*/*',
      ...extraHeaders,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    let requestBody: BodyInit | undefined;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      requestBody = JSON.stringify(json);
    } else if (body !== undefined) {
      if (contentType) headers['Content-Type'] = contentType;
      requestBody = body;
    }
    return { method, headers, body: requestBody, signal };
  };

  let token: string | null = null;
  if (auth) {
    const session = useSession.getState();
    token = session.accessToken;
    if (!token || isExpired(session.accessExpiresAt)) {
      token = await refreshAccessToken(token);
      if (!token) expireSession();
    }
  }

  let response = await send(url, init(token));
  if (auth && response.status === 401) {
    token = await refreshAccessToken(token);
    if (!token) expireSession();
    response = await send(url, init(token));
    if (response.status === 401) expireSession();
  }

  if (!response.ok) throw await toApiError(response);
  if (responseType === 'blob') return (await response.blob()) as T;
  if (response.status === 204 || response.headers.get('Content-Length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'method' | 'json' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'GET' }),
  post: <T>(path: string, json?: unknown, options?: Omit<RequestOptions, 'method' | 'json'>) =>
    apiRequest<T>(path, { ...options, method: 'POST', json }),
  patch: <T>(path: string, json?: unknown, options?: Omit<RequestOptions, 'method' | 'json'>) =>
    apiRequest<T>(path, { ...options, method: 'PATCH', json }),
  put: <T>(path: string, json?: unknown, options?: Omit<RequestOptions, 'method' | 'json'>) =>
    apiRequest<T>(path, { ...options, method: 'PUT', json }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'method' | 'json' | 'body'>) =>
    apiRequest<T>(path, { ...options, method: 'DELETE' }),
};
