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
      return json(200, { name: 'Site', greeting: 'Oi', color: '#2563eb', prechat: true });
    });
    const api = createApi('https://crm.example.com', fetcher);
    expect(await api.config('a.b')).toMatchObject({ name: 'Site' });
    expect(fetcher.mock.calls[0][0]).toBe('https://crm.example.com/api/v1/public/webchat/a.b');
    expect(await api.startSession('a.b', { name: 'Ana' })).toEqual({ token: 't', visitor_id: 'v' });
    expect(JSON.parse(fetcher.mock.calls[1][1]?.body as string)).toEqual({ name: 'Ana' });
    await api.history('t');
    expect((fetcher.mock.calls[2][1]?.headers as Record<string, string>)['x-visitor-token']).toBe('t');
    await expect(api.send('t', { client_id: 'c', text: 'oi' })).resolves.toBeUndefined();
    const post = fetcher.mock.calls[3][1];
    expect(post?.method).toBe('POST');
    expect(post?.credentials).toBe('omit');
    expect(JSON.parse(post?.body as string)).toEqual({ client_id: 'c', text: 'oi' });
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
