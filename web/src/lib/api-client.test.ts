import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { api, setSessionExpiredHandler } from './api-client';
import { ApiError } from './problem';
import { REFRESH_TOKEN_KEY, useSession } from './session';

function json(status: number, body: unknown, type = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

const pair = (n: number) => ({
  access_token: `access-${n}`,
  refresh_token: `refresh-${n}`,
  token_type: 'Bearer',
  expires_in: 900,
});

describe('api client', () => {
  const expired = vi.fn();

  beforeEach(() => {
    expired.mockReset();
    setSessionExpiredHandler(() => {
      expired();
      useSession.getState().clear();
    });
    useSession.getState().setTokens(pair(1));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the bearer token', async () => {
    const fetchMock = vi.fn(async () => json(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    await api.get('/me');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/me');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer access-1');
  });

  it('refreshes once for concurrent 401s and retries each request', async () => {
    let refreshes = 0;
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes += 1;
        expect(JSON.parse(String(init.body))).toEqual({ refresh_token: 'refresh-1' });
        return json(200, pair(2));
      }
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === 'Bearer access-2' ? json(200, { url }) : json(401, { title: 'Unauthorized', status: 401 });
    });
    vi.stubGlobal('fetch', fetchMock);

    const results = await Promise.all([api.get('/a'), api.get('/b'), api.get('/c')]);

    expect(results).toEqual([{ url: '/api/v1/a' }, { url: '/api/v1/b' }, { url: '/api/v1/c' }]);
    expect(refreshes).toBe(1);
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBe('refresh-2');
    expect(expired).not.toHaveBeenCalled();
  });

  it('waits out a 429 on renewal and keeps the session', async () => {
    let refreshes = 0;
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes += 1;
        if (refreshes === 1) {
          return new Response(JSON.stringify({ title: 'Too Many Requests', status: 429 }), {
            status: 429,
            headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '0' },
          });
        }
        return json(200, pair(2));
      }
      const auth = (init.headers as Record<string, string>).Authorization;
      return auth === 'Bearer access-2' ? json(200, { ok: true }) : json(401, { title: 'Unauthorized', status: 401 });
    });
    vi.stubGlobal('fetch', fetchMock);

    await expect(api.get('/me')).resolves.toEqual({ ok: true });
    expect(refreshes).toBe(2);
    expect(expired).not.toHaveBeenCalled();
    expect(useSession.getState().hasSession).toBe(true);
  });

  it('ends the session when the refresh token is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { type: 'about:blank', title: 'Unauthorized', status: 401 }, 'application/problem+json')),
    );
    await expect(api.get('/me')).rejects.toBeInstanceOf(ApiError);
    expect(expired).toHaveBeenCalled();
    expect(useSession.getState().hasSession).toBe(false);
    expect(window.localStorage.getItem(REFRESH_TOKEN_KEY)).toBeNull();
  });

  it('turns problem+json into an ApiError with field errors and Retry-After', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              type: 'about:blank',
              title: 'Unprocessable',
              status: 422,
              detail: 'Dados inválidos',
              errors: [{ field: 'email', message: 'inválido' }],
            }),
            { status: 422, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '7' } },
          ),
      ),
    );
    const error = (await api.post('/x', {}).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(422);
    expect(error.message).toBe('Dados inválidos');
    expect(error.fieldErrors).toEqual([{ field: 'email', message: 'inválido' }]);
    expect(error.retryAfter).toBe(7);
  });

  it('reports an unreachable server as status 0 without ending the session', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await api.get('/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(useSession.getState().hasSession).toBe(true);
  });
});
