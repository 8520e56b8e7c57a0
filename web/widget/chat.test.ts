import { afterEach, describe, expect, it, vi } from 'vitest';

import { ApiError } from './api';
import type { Api, WidgetConfig } from './api';
import { ChatWidget } from './chat';
import type { ServerMessage } from './messages';
import type { RealtimeHandlers } from './realtime';
import { loadSession, memoryStorage, saveSession } from './session-store';

const CHANNEL = 't1.c1';
const CONFIG: WidgetConfig = { name: 'Loja', greeting: 'Olá! Como podemos ajudar?', color: '#10b981', prechat: true };

function setup({ config = CONFIG, token }: { config?: WidgetConfig; token?: string } = {}) {
  const storage = memoryStorage();
  if (token) saveSession(storage, CHANNEL, { token, name: 'Ana' });
  const history: ServerMessage[] = [];
  const api = {
    config: vi.fn(async () => config),
    startSession: vi.fn(async () => ({ token: 'new-token', visitor_id: 'v1' })),
    history: vi.fn(async () => history),
    send: vi.fn(async () => undefined),
  } satisfies Api;
  let handlers: RealtimeHandlers | undefined;
  const realtime = { typing: vi.fn(), close: vi.fn() };
  const connect = vi.fn((_token: string, h: RealtimeHandlers) => {
    handlers = h;
    return realtime;
  });
  const host = document.createElement('conectcrm-chat');
  document.body.appendChild(host);
  const widget = new ChatWidget(host, CHANNEL, config, { api, storage, connect });
  const root = widget.root;
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector) as T;
  const button = (label: string) => q<HTMLButtonElement>(`button[aria-label="${label}"]`);
  return { widget, root, q, button, api, storage, connect, realtime, history, handlers: () => handlers! };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  document.body.replaceChildren();
});

describe('ChatWidget', () => {
  it('renders a labelled launcher in a shadow root with the brand colour', () => {
    const { root, button, q } = setup();
    expect(root.mode).toBe('open');
    expect(button('Abrir chat')).not.toBeNull();
    expect(q<HTMLElement>('.root').style.getPropertyValue('--brand')).toBe('#10b981');
    expect(q<HTMLElement>('.panel').hidden).toBe(true);
  });

  it('asks name and e-mail first, then starts a session, stores it and listens', async () => {
    const { button, q, api, storage, connect } = setup();
    button('Abrir chat').click();
    expect(q<HTMLElement>('.panel').hidden).toBe(false);
    expect(q('.greeting').textContent).toContain('Olá! Como podemos ajudar?');
    const form = q<HTMLFormElement>('.prechat');
    expect(form.hidden).toBe(false);
    expect(q<HTMLFormElement>('.composer').hidden).toBe(true);

    form.requestSubmit();
    await flush();
    expect(q('#cc-name-error').textContent).toBe('Informe seu nome.');
    expect(api.startSession).not.toHaveBeenCalled();

    q<HTMLInputElement>('#cc-name').value = 'Ana Souza';
    q<HTMLInputElement>('#cc-email').value = 'ana@cliente.com.br';
    form.requestSubmit();
    await flush();
    expect(api.startSession).toHaveBeenCalledWith(CHANNEL, { name: 'Ana Souza', email: 'ana@cliente.com.br' });
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 'new-token', name: 'Ana Souza', email: 'ana@cliente.com.br' });
    expect(connect).toHaveBeenCalledWith('new-token', expect.anything());
    expect(form.hidden).toBe(true);
    expect(q<HTMLFormElement>('.composer').hidden).toBe(false);
  });

  it('shows a sent message at once, posts it with a client id, and dedupes it against the history', async () => {
    const { button, q, api, history } = setup({ token: 'tok' });
    button('Abrir chat').click();
    await flush();
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = 'Vocês entregam em Campinas?';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    expect(q('[role="log"]').textContent).toContain('Vocês entregam em Campinas?');
    expect(q('[role="log"]').textContent).toContain('Enviando…');
    await flush();
    expect(api.send).toHaveBeenCalledWith('tok', {
      client_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      text: 'Vocês entregam em Campinas?',
      name: 'Ana',
      email: undefined,
    });
    expect(input.value).toBe('');
    expect(q('[role="log"]').textContent).not.toContain('Enviando…');

    history.push({ id: 'm1', direction: 'in', text: 'Vocês entregam em Campinas?', author_name: 'Ana', created_at: new Date().toISOString() });
    // Opening again reloads the history: the server's copy replaces the optimistic one.
    button('Fechar chat').click();
    button('Abrir chat').click();
    await flush();
    expect(q('[role="log"]').querySelectorAll('.msg')).toHaveLength(1);
  });

  it('shows agent replies and typing live, and counts unread while closed', async () => {
    const { button, q, handlers, realtime } = setup({ token: 'tok' });
    handlers().typing();
    button('Abrir chat').click();
    await flush();
    expect(q<HTMLElement>('.typing').hidden).toBe(false);
    expect(q('.typing').textContent).toBe('digitando…');
    handlers().message({ id: 'r1', direction: 'out', text: 'Entregamos sim! Frete grátis.', author_name: 'Atendimento', created_at: new Date().toISOString() });
    await flush();
    expect(q('[role="log"]').textContent).toContain('Entregamos sim! Frete grátis.');
    expect(q<HTMLElement>('.typing').hidden).toBe(true);

    button('Fechar chat').click();
    handlers().message({ id: 'r2', direction: 'out', text: 'Mais alguma dúvida?', author_name: 'Atendimento', created_at: new Date().toISOString() });
    await flush();
    expect(q<HTMLElement>('.badge').hidden).toBe(false);
    expect(q('.badge').textContent).toBe('1');

    button('Abrir chat').click();
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = 'o';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('input'));
    expect(realtime.typing).toHaveBeenCalledTimes(1);
  });

  it('marks a message that could not be sent and sends it again with the same client id', async () => {
    const { button, q, api } = setup({ token: 'tok' });
    api.send.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    button('Abrir chat').click();
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = 'Oi';
    q<HTMLFormElement>('.composer').requestSubmit();
    await flush();
    expect(q('[role="log"]').textContent).toContain('Não enviada.');
    q<HTMLButtonElement>('.retry').click();
    await flush();
    expect(api.send).toHaveBeenCalledTimes(2);
    const ids = api.send.mock.calls.map((call) => (call as unknown as [string, { client_id: string }])[1].client_id);
    expect(ids[0]).toBe(ids[1]);
    expect(q('[role="log"]').textContent).not.toContain('Não enviada.');
  });

  it('forgets a refused token and asks again', async () => {
    const { button, q, api, storage, realtime } = setup({ token: 'expired' });
    api.history.mockRejectedValueOnce(new ApiError(401, 'Sessão de chat inválida'));
    button('Abrir chat').click();
    await flush();
    await flush();
    expect(loadSession(storage, CHANNEL)).toBeNull();
    expect(realtime.close).toHaveBeenCalled();
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(false);
  });

  it('without pre-chat, starts the session with the first message', async () => {
    const { button, q, api } = setup({ config: { ...CONFIG, prechat: false } });
    button('Abrir chat').click();
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(true);
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = 'Oi';
    q<HTMLFormElement>('.composer').requestSubmit();
    await flush();
    expect(api.startSession).toHaveBeenCalledWith(CHANNEL, {});
    expect(api.send).toHaveBeenCalledWith('new-token', expect.objectContaining({ text: 'Oi' }));
  });
});
