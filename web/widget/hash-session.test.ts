import { describe, expect, it, vi } from 'vitest';

import { adoptSessionFromHash, tokenFromHash } from './hash-session';
import { loadSession, memoryStorage, saveSession } from './session-store';

const CHANNEL = 't1.c1';
const HOST = 'https://app.conectcrm.com.br';

function page(origin: string, hash: string) {
  const location = { origin, hash, pathname: `/webchat/${CHANNEL}`, search: '' };
  const history = { state: null, replaceState: vi.fn() };
  return { location, history };
}

describe('session from the link in the e-mail digest', () => {
  it('on our own hosted page, stores the token for the channel and clears the address bar', () => {
    const storage = memoryStorage();
    const { location, history } = page(HOST, '#conversa=tok-123');
    expect(adoptSessionFromHash({ location, history, scriptOrigin: HOST, storage, channel: CHANNEL })).toBe(true);
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 'tok-123' });
    expect(history.replaceState).toHaveBeenCalledWith(null, '', `/webchat/${CHANNEL}`);
  });

  it('never on a customer’s site: a crafted link must not put a visitor into another session', () => {
    const storage = memoryStorage();
    saveSession(storage, CHANNEL, { token: 'mine', name: 'Ana' });
    const { location, history } = page('https://loja.example.com', '#conversa=attacker');
    expect(adoptSessionFromHash({ location, history, scriptOrigin: HOST, storage, channel: CHANNEL })).toBe(false);
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 'mine', name: 'Ana' });
    expect(history.replaceState).not.toHaveBeenCalled();
  });

  it('keeps what this browser knew of the same conversation', () => {
    const storage = memoryStorage();
    saveSession(storage, CHANNEL, { token: 'tok', email: 'ana@x.com', seq: 7 });
    const { location, history } = page(HOST, '#conversa=tok');
    adoptSessionFromHash({ location, history, scriptOrigin: HOST, storage, channel: CHANNEL });
    expect(loadSession(storage, CHANNEL)).toEqual({ token: 'tok', email: 'ana@x.com', seq: 7 });
  });

  it('reads only #conversa=', () => {
    expect(tokenFromHash('#conversa=abc&x=1')).toBe('abc');
    expect(tokenFromHash('#other=abc')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#conversa=')).toBeNull();
  });
});
