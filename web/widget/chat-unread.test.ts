import { afterEach, describe, expect, it } from 'vitest';

import { CHANNEL, flush, message, mountChat } from './chat-harness';
import { loadSession, memoryStorage } from './session-store';

let visibility: DocumentVisibilityState = 'visible';
Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });

afterEach(() => {
  visibility = 'visible';
  document.body.replaceChildren();
});

const HISTORY = [
  message('m1', 'in', 'Vocês entregam em Campinas?', '2026-12-07T12:00:00Z'),
  message('r1', 'out', 'Entregamos sim!', '2026-12-07T12:01:00Z'),
  message('r2', 'out', 'Frete grátis acima de R$ 200.', '2026-12-07T12:02:00Z'),
  message('r3', 'out', 'Posso ajudar em algo mais?', '2026-12-07T12:03:00Z'),
];

describe('ChatWidget: replies the visitor has not seen', () => {
  it('shows the unread count at page load, from seenAt, and again after a reload', async () => {
    const storage = memoryStorage();
    const session = { token: 'tok', name: 'Ana', seenAt: '2026-12-07T12:01:00Z' };
    const first = mountChat({ storage, session, history: HISTORY });
    await flush();
    expect(first.api.history).toHaveBeenCalledTimes(1);
    expect(first.q<HTMLElement>('.badge').hidden).toBe(false);
    expect(first.q('.badge').textContent).toBe('2');
    expect(first.q('.badge').getAttribute('aria-label')).toBe('2 mensagens novas');
    expect(first.api.seen).not.toHaveBeenCalled();
    document.body.replaceChildren();

    // A reload: a new widget over the same storage.
    const reloaded = mountChat({ storage, history: HISTORY });
    await flush();
    expect(reloaded.q('.badge').textContent).toBe('2');
  });

  it('opening the panel marks everything seen: seenAt is stored and the server told the newest id', async () => {
    const storage = memoryStorage();
    const { button, q, api } = mountChat({ storage, session: { token: 'tok', seenAt: '2026-12-07T12:01:00Z' }, history: HISTORY });
    await flush();
    button('Abrir chat').click();
    await flush();
    expect(api.seen).toHaveBeenCalledTimes(1);
    expect(api.seen).toHaveBeenCalledWith('tok', 'r3');
    expect(loadSession(storage, CHANNEL)?.seenAt).toBe('2026-12-07T12:03:00Z');
    expect(q<HTMLElement>('.badge').hidden).toBe(true);

    // Reloading the same history changes nothing: no second call.
    button('Fechar chat').click();
    button('Abrir chat').click();
    await flush();
    expect(api.seen).toHaveBeenCalledTimes(1);

    document.body.replaceChildren();
    const reloaded = mountChat({ storage, history: HISTORY });
    await flush();
    expect(reloaded.q<HTMLElement>('.badge').hidden).toBe(true);
  });

  it('a reply arriving live with the panel open is seen only while the page is visible', async () => {
    const { button, q, api, handlers, storage } = mountChat({ session: { token: 'tok', seenAt: '2026-12-07T12:03:00Z' }, history: HISTORY });
    await flush();
    button('Abrir chat').click();
    await flush();
    api.seen.mockClear();

    handlers().message(message('r4', 'out', 'Ainda está aí?', '2026-12-07T12:10:00Z'));
    await flush();
    expect(api.seen).toHaveBeenCalledWith('tok', 'r4');

    visibility = 'hidden';
    handlers().message(message('r5', 'out', 'Vou encerrar por aqui.', '2026-12-07T12:20:00Z'));
    await flush();
    expect(api.seen).not.toHaveBeenCalledWith('tok', 'r5');
    expect(loadSession(storage, CHANNEL)?.seenAt).toBe('2026-12-07T12:10:00Z');

    visibility = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    expect(api.seen).toHaveBeenLastCalledWith('tok', 'r5');
    expect(loadSession(storage, CHANNEL)?.seenAt).toBe('2026-12-07T12:20:00Z');
    expect(q<HTMLElement>('.badge').hidden).toBe(true);
  });

  it('a session stored before seenAt was kept does not count its old replies as new', async () => {
    const storage = memoryStorage();
    const { q } = mountChat({ storage, session: { token: 'tok' }, history: HISTORY });
    await flush();
    expect(q<HTMLElement>('.badge').hidden).toBe(true);
    expect(loadSession(storage, CHANNEL)?.seenAt).toBe('2026-12-07T12:03:00Z');
  });

  it('a new session counts every reply that comes while the visitor is away', async () => {
    const storage = memoryStorage();
    const { button, q, type, api } = mountChat({ storage });
    button('Abrir chat').click();
    q<HTMLInputElement>('#cc-name').value = 'Ana';
    q<HTMLInputElement>('#cc-email').value = 'ana@cliente.com.br';
    q<HTMLFormElement>('.prechat').requestSubmit();
    await flush();
    type('Oi');
    await flush();
    expect(api.send).toHaveBeenCalled();
    document.body.replaceChildren();

    const later = mountChat({ storage, history: [message('m1', 'in', 'Oi', '2026-12-07T12:00:00Z'), message('r1', 'out', 'Olá, Ana!', '2026-12-07T12:05:00Z')] });
    await flush();
    expect(later.q('.badge').textContent).toBe('1');
  });
});
