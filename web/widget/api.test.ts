import { describe, expect, it, vi } from 'vitest';

import { ApiError, createApi } from './api';

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('api', () => {
  it('calls the public endpoints on the script’s origin with the visitor token', async () => {
    const fetcher = vi.fn(async (url: string, init?: RequestInit) => {
      void init;
      if (url.endsWith('/sessions')) return json(201, { token: 't', visitor_id: 'v' });
      if (url.endsWith('/messages') && init?.method === 'POST') return new Response(null, { status: 202 });
      if (url.endsWith('/messages')) return json(200, []);
      if (url.endsWith('/seen')) return new Response(null, { status: 204 });
      return json(200, { title: 'Site', greeting: 'Oi', color: '#2563eb', prechat: true });
    });
    const api = createApi('https://crm.example.com', fetcher);
    expect(await api.config('a.b')).toMatchObject({ title: 'Site' });
    expect(fetcher.mock.calls[0][0]).toBe('https://crm.example.com/api/v1/public/webchat/a.b');
    expect(await api.startSession('a.b', { name: 'Ana' })).toEqual({ token: 't', visitor_id: 'v' });
    expect(JSON.parse(fetcher.mock.calls[1][1]?.body as string)).toEqual({ name: 'Ana' });
    await api.history('t');
    expect((fetcher.mock.calls[2][1]?.headers as Record<string, string>)['x-visitor-token']).toBe('t');
    await expect(api.send('t', { client_id: 'c', seq: 1, text: 'oi' })).resolves.toBeUndefined();
    const post = fetcher.mock.calls[3][1];
    expect(post?.method).toBe('POST');
    expect(post?.credentials).toBe('omit');
    expect(JSON.parse(post?.body as string)).toEqual({ client_id: 'c', seq: 1, text: 'oi' });
    await expect(api.seen('t', 'm-9')).resolves.toBeUndefined();
    const [url, seen] = fetcher.mock.calls[4];
    expect(url).toBe('https://crm.example.com/api/v1/public/webchat/seen');
    expect(seen?.method).toBe('POST');
    expect((seen?.headers as Record<string, string>)['x-visitor-token']).toBe('t');
    expect(JSON.parse(seen?.body as string)).toEqual({ through: 'm-9' });
  });

  it('keeps Retry-After of a rate-limited answer, in seconds', async () => {
    const limited = (value: string) =>
      createApi('https://crm.example.com', async () => new Response(JSON.stringify({ detail: 'Muitas requisições' }), { status: 429, headers: { 'retry-after': value } }));
    await expect(limited('12').config('a.b')).rejects.toMatchObject({ status: 429, retryAfter: 12, message: 'Muitas requisições' });
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const error = (await limited(inAMinute).config('a.b').catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfter).toBeGreaterThan(55);
    expect(error.retryAfter).toBeLessThanOrEqual(61);
  });

  it('turns problem+json into an ApiError with the field errors', async () => {
    const api = createApi('https://crm.example.com', async () =>
      json(422, { detail: 'Dados inválidos', errors: [{ field: 'email', message: 'E-mail inválido.' }] }),
    );
    const error = await api.startSession('a.b', { email: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 422, message: 'Dados inválidos', errors: [{ field: 'email' }] });
  });
});
