import { describe, expect, it } from 'vitest';

import type { Ticket } from '@/lib/api/models';

import { makeTicket } from './test-fixtures';
import { applyTicketChange, flattenTickets, matchesList, mayEnterList, neighbourTicket, type TicketPages } from './ticket-list';

const me = 'u-me';

function pages(...lists: Ticket[][]): TicketPages {
  return { pages: lists.map((items, index) => ({ items, next_cursor: index < lists.length - 1 ? `c${index}` : null })), pageParams: lists.map((_, index) => (index === 0 ? null : `c${index - 1}`)) };
}

const ids = (data: TicketPages) => data.pages.map((page) => page.items.map((ticket) => ticket.id));

describe('matchesList', () => {
  it('follows the status filter (default: open, pending and waiting)', () => {
    const ctx = { filters: {}, meId: me };
    expect(matchesList(makeTicket({ status: 'pending' }), ctx)).toBe('yes');
    expect(matchesList(makeTicket({ status: 'resolved' }), ctx)).toBe('no');
    expect(matchesList(makeTicket({ status: 'resolved' }), { filters: { status: 'any' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ status: 'open' }), { filters: { status: 'closed' }, meId: me })).toBe('no');
  });

  it('follows "Meus" and "Sem responsável"', () => {
    expect(matchesList(makeTicket({ assignee_id: me }), { filters: { view: 'mine' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ assignee_id: 'other' }), { filters: { view: 'mine' }, meId: me })).toBe('no');
    expect(matchesList(makeTicket({ assignee_id: null }), { filters: { view: 'unassigned' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ assignee_id: me }), { filters: { view: 'unassigned' }, meId: me })).toBe('no');
  });

  it('cannot tell team membership or a text search for a ticket it never held', () => {
    const before = makeTicket({ team_id: 'team-a' });
    expect(matchesList(makeTicket({ team_id: 'team-a' }), { filters: { view: 'my_teams' }, meId: me }, before)).toBe('yes');
    expect(matchesList(makeTicket({ team_id: 'team-b' }), { filters: { view: 'my_teams' }, meId: me }, before)).toBe('unknown');
    expect(matchesList(makeTicket(), { filters: { q: 'boleto' }, meId: me })).toBe('unknown');
    expect(matchesList(makeTicket(), { filters: { q: 'boleto' }, meId: me }, makeTicket())).toBe('yes');
  });

  it('checks channel, customer and tag', () => {
    expect(matchesList(makeTicket({ channel_id: 'x' }), { filters: { channel_id: 'ch1' }, meId: me })).toBe('no');
    expect(matchesList(makeTicket({ tags: ['boleto'] }), { filters: { tag: 'boleto' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ tags: [] }), { filters: { tag: 'boleto' }, meId: me })).toBe('no');
  });

  it('checks intent and sentiment as the server filters them', () => {
    expect(matchesList(makeTicket({ intent: 'cancelar' }), { filters: { intent: 'cancelar' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ intent: null }), { filters: { intent: 'cancelar' }, meId: me })).toBe('no');
    expect(matchesList(makeTicket({ sentiment: 'very_negative' }), { filters: { sentiment: 'negative' }, meId: me })).toBe('yes');
    expect(matchesList(makeTicket({ sentiment: 'neutral' }), { filters: { sentiment: 'negative' }, meId: me })).toBe('no');
  });
});

describe('applyTicketChange', () => {
  const a = makeTicket({ id: 'a', assignee_id: me });
  const b = makeTicket({ id: 'b', assignee_id: me });
  const c = makeTicket({ id: 'c', assignee_id: me });

  it('moves a ticket with a new customer message to the top, across pages', () => {
    const data = pages([a, b], [c]);
    const result = applyTicketChange(data, 'c', (ticket) => ({ ...ticket, unread: ticket.unread + 1 }), { filters: { view: 'mine' }, meId: me }, { moveToTop: true });
    expect(result.outcome).toBe('updated');
    expect(ids(result.data)).toEqual([['c', 'a', 'b'], []]);
    expect(result.data.pages[0].items[0].unread).toBe(1);
    expect(result.data.pageParams).toBe(data.pageParams);
  });

  it('replaces in place without moving', () => {
    const result = applyTicketChange(pages([a, b, c]), 'b', (ticket) => ({ ...ticket, sla_status: 'breached' }), { filters: {}, meId: me });
    expect(ids(result.data)).toEqual([['a', 'b', 'c']]);
    expect(result.data.pages[0].items[1].sla_status).toBe('breached');
  });

  it('removes a ticket assigned to someone else from "Meus"', () => {
    const result = applyTicketChange(pages([a, b, c]), 'b', (ticket) => ({ ...ticket, assignee_id: 'other' }), { filters: { view: 'mine' }, meId: me });
    expect(result.outcome).toBe('removed');
    expect(ids(result.data)).toEqual([['a', 'c']]);
  });

  it('removes a resolved ticket from the open list but keeps it in "any"', () => {
    const resolve = (ticket: Ticket): Ticket => ({ ...ticket, status: 'resolved' });
    expect(applyTicketChange(pages([a, b]), 'a', resolve, { filters: {}, meId: me }).outcome).toBe('removed');
    expect(applyTicketChange(pages([a, b]), 'a', resolve, { filters: { status: 'any' }, meId: me }).outcome).toBe('updated');
  });

  it('reports a ticket the list does not hold', () => {
    const data = pages([a]);
    const result = applyTicketChange(data, 'zzz', (ticket) => ticket, { filters: {}, meId: me });
    expect(result).toEqual({ data, outcome: 'missing' });
  });

  it('keeps but flags a team change in "Minhas equipes"', () => {
    const result = applyTicketChange(pages([a]), 'a', (ticket) => ({ ...ticket, team_id: 'team-x' }), { filters: { view: 'my_teams' }, meId: me });
    expect(result.outcome).toBe('unknown');
    expect(ids(result.data)).toEqual([['a']]);
  });
});

describe('mayEnterList', () => {
  it('is false only when the event rules the list out', () => {
    expect(mayEnterList({ status: 'open', assignee_id: 'other' }, { filters: { view: 'mine' }, meId: me })).toBe(false);
    expect(mayEnterList({ status: 'open', assignee_id: me }, { filters: { view: 'mine' }, meId: me })).toBe(true);
    expect(mayEnterList({ status: 'open', assignee_id: me }, { filters: { view: 'unassigned' }, meId: me })).toBe(false);
    expect(mayEnterList({ status: 'open' }, { filters: { status: 'resolved' }, meId: me })).toBe(false);
    expect(mayEnterList({ assignee_id: null }, { filters: { view: 'unassigned', status: 'any' }, meId: me })).toBe(true);
    expect(mayEnterList({}, { filters: { view: 'my_teams' }, meId: me })).toBe(true);
    expect(mayEnterList({ sentiment: 'positive' }, { filters: { sentiment: 'negative' }, meId: me })).toBe(false);
    expect(mayEnterList({ intent: 'elogio', sentiment: 'positive' }, { filters: { intent: 'cancelar' }, meId: me })).toBe(false);
    expect(mayEnterList({ sentiment: 'very_negative' }, { filters: { sentiment: 'negative', intent: 'cancelar' }, meId: me })).toBe(true);
  });
});

describe('flattenTickets and neighbourTicket', () => {
  it('drops repeats across pages', () => {
    expect(flattenTickets(pages([makeTicket({ id: 'a' }), makeTicket({ id: 'b' })], [makeTicket({ id: 'b' }), makeTicket({ id: 'c' })])).map((t) => t.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(flattenTickets(undefined)).toEqual([]);
  });

  it('walks the list for j/k', () => {
    const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(neighbourTicket(list, undefined, 1)).toBe('a');
    expect(neighbourTicket(list, undefined, -1)).toBe('c');
    expect(neighbourTicket(list, 'a', 1)).toBe('b');
    expect(neighbourTicket(list, 'b', -1)).toBe('a');
    expect(neighbourTicket(list, 'c', 1)).toBeNull();
    expect(neighbourTicket(list, 'a', -1)).toBeNull();
    expect(neighbourTicket([], 'a', 1)).toBeNull();
    expect(neighbourTicket(list, 'gone', 1)).toBe('a');
  });
});
