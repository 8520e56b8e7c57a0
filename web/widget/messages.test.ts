import { describe, expect, it } from 'vitest';

import { hasUnconfirmed, localItem, mergeServer, newestServer, unreadCount, withStatus } from './messages';
import type { ServerMessage } from './messages';

const server = (id: string, direction: 'in' | 'out', text: string, at: string): ServerMessage => ({
  id,
  direction,
  text,
  author_name: direction === 'in' ? 'Ana' : 'Atendimento',
  created_at: `2026-03-10T12:${at}:00Z`,
});

describe('mergeServer', () => {
  it('orders the history by time and drops repeated ids', () => {
    const a = server('a', 'in', 'Oi', '00');
    const b = server('b', 'out', 'Olá!', '01');
    const items = mergeServer([], [b, a]);
    expect(items.map((i) => i.serverId)).toEqual(['a', 'b']);
    const again = mergeServer(items, [a, b, b]);
    expect(again.map((i) => i.serverId)).toEqual(['a', 'b']);
    expect(again.map((i) => i.key)).toEqual(['s:a', 's:b']);
  });

  it('replaces an optimistic message by its server copy, in place and with the same key', () => {
    const local = localItem('c1', '  Vocês entregam em Campinas?  ', 'Ana', new Date('2026-03-10T12:02:00Z'));
    expect(local.text).toBe('Vocês entregam em Campinas?');
    const items = mergeServer([], [server('a', 'out', 'Bem-vindo', '00')]);
    const withLocal = [...items, local];
    expect(hasUnconfirmed(withLocal)).toBe(true);
    const merged = mergeServer(withLocal, [server('a', 'out', 'Bem-vindo', '00'), server('m1', 'in', 'Vocês entregam em Campinas?', '03')]);
    expect(merged).toHaveLength(2);
    expect(merged[1]).toMatchObject({ key: 'c:c1', serverId: 'm1', status: 'delivered', clientId: 'c1' });
    expect(hasUnconfirmed(merged)).toBe(false);
  });

  it('matches repeated texts one to one, in send order', () => {
    const l1 = localItem('c1', 'ok', 'Ana');
    const l2 = localItem('c2', 'ok', 'Ana');
    const merged = mergeServer([l1, l2], [server('m1', 'in', 'ok', '01')]);
    expect(merged.map((i) => [i.key, i.serverId])).toEqual([
      ['c:c1', 'm1'],
      ['c:c2', undefined],
    ]);
  });

  it('never matches an agent reply to the visitor’s message', () => {
    const local = localItem('c1', 'oi', 'Ana');
    const merged = mergeServer([local], [server('r1', 'out', 'oi', '05')]);
    expect(merged.map((i) => i.key)).toEqual(['s:r1', 'c:c1']);
  });

  it('keeps unconfirmed messages after the confirmed conversation until the history has them', () => {
    const local = localItem('c1', 'Vocês entregam?', 'Ana', new Date('2026-03-10T12:00:00Z'));
    // A live reply before the history was reloaded:
    const live = mergeServer([local], [server('r1', 'out', 'Entregamos sim!', '02')]);
    expect(live.map((i) => i.key)).toEqual(['s:r1', 'c:c1']);
    // The reload puts the visitor's message in its place.
    const reloaded = mergeServer(live, [server('m1', 'in', 'Vocês entregam?', '01'), server('r1', 'out', 'Entregamos sim!', '02')]);
    expect(reloaded.map((i) => i.key)).toEqual(['c:c1', 's:r1']);
  });
});

describe('withStatus', () => {
  it('changes only the unconfirmed message with that client id', () => {
    const items = [localItem('c1', 'a', 'Ana'), localItem('c2', 'b', 'Ana')];
    const next = withStatus(items, 'c2', 'failed');
    expect(next.map((i) => i.status)).toEqual(['pending', 'failed']);
    const confirmed = mergeServer(next, [server('m1', 'in', 'a', '00')]);
    expect(withStatus(confirmed, 'c1', 'failed')[0].status).toBe('delivered');
  });
});

describe('unread replies', () => {
  const items = mergeServer([localItem('c9', 'e agora?', 'Ana')], [
    server('a', 'in', 'Oi', '00'),
    server('b', 'out', 'Olá!', '01'),
    server('c', 'out', 'Em que posso ajudar?', '02'),
    server('d', 'in', 'Frete', '03'),
  ]);

  it('counts the agent’s replies newer than what was seen', () => {
    expect(unreadCount(items, undefined)).toBe(2);
    expect(unreadCount(items, '2026-03-10T12:01:00Z')).toBe(1);
    expect(unreadCount(items, '2026-03-10T12:02:00Z')).toBe(0);
  });

  it('finds the newest server message, of either side or one', () => {
    expect(newestServer(items)?.serverId).toBe('d');
    expect(newestServer(items, 'out')?.serverId).toBe('c');
    expect(newestServer([localItem('c1', 'x', 'Ana')])).toBeUndefined();
  });
});
