import { afterEach, describe, expect, it } from 'vitest';

import { ApiError } from './api';
import { CHANNEL, CONFIG, flush, mountChat } from './chat-harness';
import { loadSession } from './session-store';

afterEach(() => {
  document.body.replaceChildren();
});

describe('ChatWidget', () => {
  it('renders a labelled launcher in a shadow root with the brand colour, bottom right by default', () => {
    const { root, button, q } = mountChat();
    expect(root.mode).toBe('open');
    expect(button('Abrir chat')).not.toBeNull();
    const box = q<HTMLElement>('.root');
    expect(box.style.getPropertyValue('--brand')).toBe('#10b981');
    expect(box.style.getPropertyValue('--offset-x')).toBe('20px');
    expect(box.style.getPropertyValue('--offset-y')).toBe('20px');
    expect(box.classList.contains('left')).toBe(false);
    expect(q<HTMLElement>('.panel').hidden).toBe(true);
  });

  it('sits bottom left at the configured offsets, and is named after the public title', () => {
    const { q, button } = mountChat({ config: { ...CONFIG, position: 'left', offset_x: 0, offset_y: 96, title: 'Loja Sol' } });
    const box = q<HTMLElement>('.root');
    expect(box.classList.contains('left')).toBe(true);
    expect(box.style.getPropertyValue('--offset-x')).toBe('0px');
    expect(box.style.getPropertyValue('--offset-y')).toBe('96px');
    button('Abrir chat').click();
    const dialog = q<HTMLElement>('[role="dialog"]');
    expect(q(`#${dialog.getAttribute('aria-labelledby')}`).textContent).toBe('Loja Sol');
    expect(q('.subtitle').textContent).toBe('Atendimento');
  });

  it('asks name and e-mail first, then starts a session, stores it and listens', async () => {
    const { button, q, api, storage, connect } = mountChat();
    button('Abrir chat').click();
    expect(q<HTMLElement>('.panel').hidden).toBe(false);
    expect(q('.greeting').textContent).toContain('Olá! Como podemos ajudar?');
    const form = q<HTMLFormElement>('.prechat');
    expect(form.hidden).toBe(false);
    expect(q('.prechat p').textContent).toBe('Antes de começar, diga como podemos chamar você.');
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
    expect(loadSession(storage, CHANNEL)).toMatchObject({ token: 'new-token', name: 'Ana Souza', email: 'ana@cliente.com.br' });
    expect(connect).toHaveBeenCalledWith('new-token', expect.anything());
    expect(form.hidden).toBe(true);
    expect(q<HTMLFormElement>('.composer').hidden).toBe(false);
  });

  it('shows a sent message at once, posts it with a client id and seq, and dedupes it against the history', async () => {
    const { button, q, log, type, api, history } = mountChat({ session: { token: 'tok', name: 'Ana' } });
    button('Abrir chat').click();
    await flush();
    type('Vocês entregam em Campinas?');
    expect(log().textContent).toContain('Vocês entregam em Campinas?');
    expect(log().textContent).toContain('Enviando…');
    await flush();
    expect(api.send).toHaveBeenCalledWith('tok', {
      client_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      seq: 1,
      text: 'Vocês entregam em Campinas?',
      name: 'Ana',
      email: undefined,
    });
    expect(q<HTMLTextAreaElement>('#cc-input').value).toBe('');
    expect(log().textContent).not.toContain('Enviando…');

    history.push({ id: 'm1', direction: 'in', text: 'Vocês entregam em Campinas?', author_name: 'Ana', created_at: new Date().toISOString() });
    // Opening again reloads the history: the server's copy replaces the optimistic one.
    button('Fechar chat').click();
    button('Abrir chat').click();
    await flush();
    expect(log().querySelectorAll('.msg')).toHaveLength(1);
  });

  it('shows agent replies and typing live, and counts unread while closed', async () => {
    const { button, q, log, handlers, realtime } = mountChat({ session: { token: 'tok', name: 'Ana' } });
    handlers().typing();
    button('Abrir chat').click();
    await flush();
    expect(q<HTMLElement>('.typing').hidden).toBe(false);
    expect(q('.typing').textContent).toBe('digitando…');
    handlers().message({ id: 'r1', direction: 'out', text: 'Entregamos sim! Frete grátis.', author_name: 'Bruno', created_at: new Date().toISOString() });
    await flush();
    expect(log().textContent).toContain('Entregamos sim! Frete grátis.');
    expect(q<HTMLElement>('.typing').hidden).toBe(true);

    button('Fechar chat').click();
    handlers().message({ id: 'r2', direction: 'out', text: 'Mais alguma dúvida?', author_name: 'Bruno', created_at: new Date(Date.now() + 1000).toISOString() });
    await flush();
    expect(q<HTMLElement>('.badge').hidden).toBe(false);
    expect(q('.badge').textContent).toBe('1');
    expect(q('.badge').getAttribute('aria-label')).toBe('1 mensagem nova');

    button('Abrir chat').click();
    expect(q<HTMLElement>('.badge').hidden).toBe(true);
    const input = q<HTMLTextAreaElement>('#cc-input');
    input.value = 'o';
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('input'));
    expect(realtime.typing).toHaveBeenCalledTimes(1);
  });

  it('says "Reconectando…" while the socket cannot connect, and clears it once connected', async () => {
    const { button, q, handlers } = mountChat({ session: { token: 'tok', name: 'Ana' } });
    handlers().disconnected();
    button('Abrir chat').click();
    await flush();
    expect(q('.notice').textContent).toBe('Reconectando…');
    handlers().connected(false);
    expect(q<HTMLElement>('.notice').hidden).toBe(true);
    handlers().disconnected();
    expect(q('.notice').textContent).toBe('Reconectando…');
  });

  it('forgets a refused token and asks again', async () => {
    const { button, q, api, storage, realtime } = mountChat({ session: { token: 'expired', name: 'Ana' } });
    await flush();
    api.history.mockRejectedValueOnce(new ApiError(401, 'Sessão de chat inválida'));
    button('Abrir chat').click();
    await flush();
    await flush();
    expect(loadSession(storage, CHANNEL)).toBeNull();
    expect(realtime.close).toHaveBeenCalled();
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(false);
  });

  it('without pre-chat, starts the session with the first message (once for a burst)', async () => {
    const { button, q, type, api } = mountChat({ config: { ...CONFIG, prechat: false } });
    button('Abrir chat').click();
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(true);
    type('Oi');
    type('Tudo bem?');
    await flush();
    await flush();
    expect(api.startSession).toHaveBeenCalledTimes(1);
    expect(api.startSession).toHaveBeenCalledWith(CHANNEL, {});
    expect(api.send.mock.calls.map(([token, m]) => [token, m.text, m.seq])).toEqual([
      ['new-token', 'Oi', 1],
      ['new-token', 'Tudo bem?', 2],
    ]);
  });
});
