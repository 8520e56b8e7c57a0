import { describe, expect, it } from 'vitest';

import type { SearchHit } from '@/lib/api/models';

import { groupSearchHits, matchRanges, searchHitHref } from './results';

const hit = (kind: SearchHit['kind'], id: string, title: string, extra: Partial<SearchHit> = {}): SearchHit => ({
  kind,
  id,
  title,
  subtitle: null,
  parent_id: null,
  ...extra,
});

const customer = hit('customer', 'c1', 'Clínica São João');
const contact = hit('contact', 'k1', 'Joana Araújo', { parent_id: 'c1', subtitle: 'Clínica São João' });
const deal = hit('opportunity', 'o1', 'Reforma da clínica');
const proposal = hit('proposal', 'p1', 'PROP-0001 Manutenção');
const ticket = hit('ticket', 't1', '#3 Pão quente às 7h?');
const invoice = hit('invoice', 'i1', 'FAT-0001');

describe('searchHitHref', () => {
  it('opens each kind on its page for the owner', () => {
    expect(searchHitHref(customer, 'owner')).toBe('/crm/clientes/c1');
    expect(searchHitHref(contact, 'owner')).toBe('/crm/clientes/c1');
    expect(searchHitHref(deal, 'owner')).toBe('/crm/oportunidades?oportunidade=o1');
    expect(searchHitHref(proposal, 'owner')).toBe('/crm/propostas/p1');
    expect(searchHitHref(ticket, 'owner')).toBe('/atendimento/t1');
    expect(searchHitHref(invoice, 'owner')).toBe('/financeiro/faturas/i1');
  });

  it('sends roles without the CRM to what they may open about a customer', () => {
    // Agents: the customer's conversations; finance: the customer's invoices.
    expect(searchHitHref(customer, 'agent')).toBe('/atendimento?visao=all&situacao=any&q=Cl%C3%ADnica+S%C3%A3o+Jo%C3%A3o');
    expect(searchHitHref(customer, 'finance')).toBe('/financeiro/faturas?q=Cl%C3%ADnica+S%C3%A3o+Jo%C3%A3o');
    expect(searchHitHref(customer, 'sales')).toBe('/crm/clientes/c1');
  });

  it('has nowhere to send a contact without its customer', () => {
    expect(searchHitHref({ ...contact, parent_id: null }, 'owner')).toBeNull();
  });
});

describe('groupSearchHits', () => {
  it('groups in the palette’s order with pt-BR names, numbering options across groups', () => {
    const groups = groupSearchHits([invoice, ticket, customer, deal, contact, proposal, hit('customer', 'c2', 'Clínica Bela')], 'owner');
    expect(groups.map((group) => group.label)).toEqual(['Clientes', 'Contatos', 'Negócios', 'Propostas', 'Tickets', 'Faturas']);
    expect(groups.flatMap((group) => group.options.map((option) => [option.index, option.hit.id]))).toEqual([
      [0, 'c1'],
      [1, 'c2'],
      [2, 'k1'],
      [3, 'o1'],
      [4, 'p1'],
      [5, 't1'],
      [6, 'i1'],
    ]);
  });

  it('leaves out empty groups and results with nowhere to go', () => {
    const groups = groupSearchHits([customer, { ...contact, parent_id: null }, hit('unknown' as SearchHit['kind'], 'x', 'X')], 'owner');
    expect(groups.map((group) => group.label)).toEqual(['Clientes']);
  });
});

describe('matchRanges', () => {
  it('finds the words typed without accents in the text with them', () => {
    expect(matchRanges('Clínica São João', 'clinica')).toEqual([[0, 7]]);
    expect(matchRanges('#3 Pão quente às 7h?', 'pao quente')).toEqual([
      [3, 6],
      [7, 13],
    ]);
    expect(matchRanges('Clínica São João', 'sao joao')).toEqual([
      [8, 11],
      [12, 16],
    ]);
  });

  it('merges overlapping matches and keeps accents typed apart with their letter', () => {
    expect(matchRanges('banana', 'ana nan')).toEqual([[1, 6]]);
    const decomposed = 'Cli\u0301nica';
    expect(matchRanges(decomposed, 'cli')).toEqual([[0, 4]]);
  });

  it('finds nothing where nothing matches', () => {
    expect(matchRanges('FAT-0001', 'clinica')).toEqual([]);
    expect(matchRanges('FAT-0001', '   ')).toEqual([]);
  });
});
