import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { CHANNEL, CONFIG, flush, mountChat } from './chat-harness';
import { loadSession } from './session-store';

beforeEach(() => {
  // Sunday afternoon; only the clock is fake (the tests' waits are real).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-06T18:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

// Monday 7 December 2026, 08:00 in São Paulo.
const CLOSED = {
  ...CONFIG,
  prechat: false,
  open_now: false,
  next_open: '2026-12-07T11:00:00Z',
  offline_message: 'Estamos fora do horário de atendimento.',
};

describe('ChatWidget: outside business hours', () => {
  it('says so at the top of the panel, with the next opening in the visitor’s time', () => {
    const { button, q } = mountChat({ config: CLOSED });
    button('Abrir chat').click();
    const hours = q<HTMLElement>('.hours');
    expect(hours.hidden).toBe(false);
    expect(hours.textContent).toBe('Estamos fora do horário de atendimento. Voltamos segunda-feira, 07/12, às 08:00.');
  });

  it('asks for an e-mail (the name is optional) before the first message', async () => {
    const { button, q, api, storage, type } = mountChat({ config: CLOSED });
    button('Abrir chat').click();
    const form = q<HTMLFormElement>('.prechat');
    expect(form.hidden).toBe(false);
    expect(q<HTMLFormElement>('.composer').hidden).toBe(true);
    expect(q('.prechat p').textContent).toBe('Deixe seu e-mail para receber a resposta.');
    expect(q('label[for="cc-name"]').textContent).toBe('Nome (opcional)');
    expect(root(q).activeElement).toBe(q('#cc-email'));

    form.requestSubmit();
    await flush();
    expect(q('#cc-email-error').textContent).toBe('Informe um e-mail válido.');
    expect(q('#cc-name-error').textContent).toBe('');
    expect(api.startSession).not.toHaveBeenCalled();

    q<HTMLInputElement>('#cc-email').value = 'ana@cliente.com.br';
    form.requestSubmit();
    await flush();
    expect(api.startSession).toHaveBeenCalledWith(CHANNEL, { email: 'ana@cliente.com.br' });
    expect(loadSession(storage, CHANNEL)?.email).toBe('ana@cliente.com.br');
    expect(form.hidden).toBe(true);
    type('Vocês abrem amanhã?');
    await flush();
    expect(api.send).toHaveBeenCalledWith('new-token', expect.objectContaining({ text: 'Vocês abrem amanhã?', email: 'ana@cliente.com.br' }));
  });

  it('keeps the name required when the channel asks for it', async () => {
    const { button, q, api } = mountChat({ config: { ...CLOSED, prechat: true } });
    button('Abrir chat').click();
    expect(q('label[for="cc-name"]').textContent).toBe('Nome');
    q<HTMLInputElement>('#cc-email').value = 'ana@cliente.com.br';
    q<HTMLFormElement>('.prechat').requestSubmit();
    await flush();
    expect(q('#cc-name-error').textContent).toBe('Informe seu nome.');
    expect(api.startSession).not.toHaveBeenCalled();
  });

  it('a returning visitor without an e-mail keeps the conversation and leaves one for the next messages', async () => {
    const { button, q, api, storage, type, log } = mountChat({
      config: CLOSED,
      session: { token: 'tok', seenAt: '2026-12-07T12:00:00Z' },
      history: [{ id: 'm1', direction: 'in', text: 'Oi', author_name: 'Visitante', created_at: '2026-12-07T12:00:00Z' }],
    });
    button('Abrir chat').click();
    await flush();
    expect(log().textContent).toContain('Oi');
    expect(q<HTMLFormElement>('.prechat').hidden).toBe(false);
    q<HTMLInputElement>('#cc-email').value = 'ana@cliente.com.br';
    q<HTMLFormElement>('.prechat').requestSubmit();
    await flush();
    expect(api.startSession).not.toHaveBeenCalled();
    expect(loadSession(storage, CHANNEL)).toMatchObject({ token: 'tok', email: 'ana@cliente.com.br' });
    type('Me avisem por e-mail.');
    await flush();
    expect(api.send).toHaveBeenCalledWith('tok', expect.objectContaining({ email: 'ana@cliente.com.br' }));
  });

  it('is open again once the next opening has passed', () => {
    const { button, q } = mountChat({ config: { ...CLOSED, next_open: '2020-01-01T11:00:00Z' } });
    button('Abrir chat').click();
    expect(q<HTMLElement>('.hours').hidden).toBe(true);
    expect(q<HTMLFormElement>('.composer').hidden).toBe(false);
  });
});

const root = (q: (s: string) => Element) => q('.root').getRootNode() as ShadowRoot;
