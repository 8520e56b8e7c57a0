import { afterEach, describe, expect, it } from 'vitest';

import { ApiError } from './api';
import { CHANNEL, CONFIG, deferred, flush, mountChat } from './chat-harness';
import { loadSession, memoryStorage } from './session-store';

afterEach(() => {
  document.body.replaceChildren();
});

const SESSION = { token: 'tok', name: 'Ana' };

describe('ChatWidget: sending a burst', () => {
  it('posts one message at a time, in the order typed, with growing seq', async () => {
    const { button, type, api } = mountChat({ session: SESSION });
    const answers = [deferred(), deferred(), deferred()];
    answers.forEach((answer) => api.send.mockImplementationOnce(() => answer.promise));
    button('Abrir chat').click();
    type('um');
    type('dois');
    type('três');
    await flush();
    expect(api.send.mock.calls.map(([, m]) => m.text)).toEqual(['um']);
    answers[0].resolve();
    await flush();
    expect(api.send.mock.calls.map(([, m]) => m.text)).toEqual(['um', 'dois']);
    answers[1].resolve();
    await flush();
    answers[2].resolve();
    await flush();
    expect(api.send.mock.calls.map(([, m]) => [m.text, m.seq])).toEqual([
      ['um', 1],
      ['dois', 2],
      ['três', 3],
    ]);
    expect(new Set(api.send.mock.calls.map(([, m]) => m.client_id)).size).toBe(3);
  });

  it('stops at a failed message, and "Tentar novamente" resumes in order with the same client_id and seq', async () => {
    const { button, type, api, log, q } = mountChat({ session: SESSION });
    api.send.mockResolvedValueOnce(undefined).mockRejectedValueOnce(new TypeError('Failed to fetch'));
    button('Abrir chat').click();
    type('um');
    type('dois');
    type('três');
    await flush();
    await flush();
    // "três" waits behind "dois".
    expect(api.send.mock.calls.map(([, m]) => m.text)).toEqual(['um', 'dois']);
    const [, failed, waiting] = [...log().querySelectorAll('.msg')];
    expect(failed.textContent).toContain('Não enviada.');
    expect(failed.querySelector('button')?.textContent).toBe('Tentar novamente');
    expect(waiting.textContent).toContain('Aguardando…');
    expect(q('.notice').textContent).toBe('Mensagem não enviada: verifique sua conexão.');

    // Another message typed meanwhile also waits its turn.
    type('quatro');
    await flush();
    expect(api.send).toHaveBeenCalledTimes(2);

    q<HTMLButtonElement>('.retry').click();
    await flush();
    await flush();
    const calls = api.send.mock.calls.map(([, m]) => m);
    expect(calls.map((m) => m.text)).toEqual(['um', 'dois', 'dois', 'três', 'quatro']);
    expect(calls[2].client_id).toBe(calls[1].client_id);
    expect(calls[2].seq).toBe(2);
    expect(calls.map((m) => m.seq)).toEqual([1, 2, 2, 3, 4]);
    expect(log().textContent).not.toContain('Não enviada.');
    expect(log().textContent).not.toContain('Aguardando…');
    expect(q<HTMLElement>('.notice').hidden).toBe(true);
  });

  it('keeps seq growing across reloads (it is in the stored session)', async () => {
    const storage = memoryStorage();
    const first = mountChat({ storage, session: SESSION });
    first.button('Abrir chat').click();
    first.type('um');
    first.type('dois');
    await flush();
    await flush();
    expect(loadSession(storage, CHANNEL)?.seq).toBe(2);
    document.body.replaceChildren();

    const reloaded = mountChat({ storage });
    reloaded.button('Abrir chat').click();
    reloaded.type('três');
    await flush();
    expect(reloaded.api.send.mock.calls[0][1]).toMatchObject({ text: 'três', seq: 3 });
  });

  it('a refused token (401) resets the session and drops the line', async () => {
    const { button, type, api, storage, q } = mountChat({ session: SESSION });
    api.send.mockRejectedValueOnce(new ApiError(401, 'Sessão de chat inválida'));
    button('Abrir chat').click();
    type('um');
    type('dois');
    await flush();
    await flush();
    expect(api.send).toHaveBeenCalledTimes(1);
    expect(loadSession(storage, CHANNEL)).toBeNull();
    expect(q('.notice').textContent).toBe('Sua sessão de chat expirou. Envie a mensagem de novo para continuar.');
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(false);
  });

  it('a message the server refuses (422) shows its reason under the composer and does not hold the others', async () => {
    const { button, type, api, log, q } = mountChat({ session: SESSION });
    api.send.mockRejectedValueOnce(
      new ApiError(422, 'Dados inválidos', [{ field: 'text', message: 'A mensagem tem 5001 caracteres; o limite é 5000.' }]),
    );
    button('Abrir chat').click();
    type('um');
    type('dois');
    await flush();
    await flush();
    expect(api.send.mock.calls.map(([, m]) => m.text)).toEqual(['um', 'dois']);
    expect(q('#cc-input-error').textContent).toBe('A mensagem tem 5001 caracteres; o limite é 5000.');
    const [refused] = [...log().querySelectorAll('.msg')];
    expect(refused.textContent).toContain('Não enviada.');
    expect(refused.querySelector('.retry')).toBeNull();
  });
});

describe('ChatWidget: the message limit', () => {
  it('refuses a message over the limit in the composer, without cutting it', async () => {
    const { button, q, type, api } = mountChat({ session: SESSION });
    button('Abrir chat').click();
    const input = q<HTMLTextAreaElement>('#cc-input');
    expect(input.hasAttribute('maxlength')).toBe(false);
    const text = 'a'.repeat(5123);
    type(text);
    await flush();
    expect(api.send).not.toHaveBeenCalled();
    expect(input.value).toBe(text);
    expect(q('#cc-input-error').textContent).toBe('Sua mensagem tem 5.123 caracteres; o limite é 5.000.');
    expect(input.getAttribute('aria-describedby')).toBe('cc-input-error');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(q('.counter').textContent).toBe('5.123/5.000');

    // Back within the limit: the reason goes, the counter stays while near it.
    input.value = 'a'.repeat(4600);
    input.dispatchEvent(new Event('input'));
    expect(q('#cc-input-error').textContent).toBe('');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(q('.counter').textContent).toBe('4.600/5.000');
    input.value = 'Oi';
    input.dispatchEvent(new Event('input'));
    expect(q<HTMLElement>('.limit').hidden).toBe(true);
  });

  it('counts characters as the server does (an emoji is one)', async () => {
    const { button, type, api } = mountChat({ session: SESSION, config: { ...CONFIG, max_length: 3 } });
    button('Abrir chat').click();
    type('😀😀😀');
    await flush();
    expect(api.send).toHaveBeenCalledTimes(1);
  });
});
