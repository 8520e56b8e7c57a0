import { paths } from '@/config/paths';
import type { Role, SearchHit, SearchKind } from '@/lib/api/models';
import { canAccess } from '@/lib/authorization';

// What the palette shows and where each result goes: pure, so the palette and
// its tests agree on the groups, their order and every destination.

/** The groups in the order shown (the server's order), with their pt-BR names. */
export const SEARCH_GROUPS: readonly { kind: SearchKind; label: string }[] = [
  { kind: 'customer', label: 'Clientes' },
  { kind: 'contact', label: 'Contatos' },
  { kind: 'opportunity', label: 'Negócios' },
  { kind: 'proposal', label: 'Propostas' },
  { kind: 'ticket', label: 'Tickets' },
  { kind: 'invoice', label: 'Faturas' },
];

export type SearchOption = { hit: SearchHit; href: string; index: number };
export type SearchGroup = { kind: SearchKind; label: string; options: SearchOption[] };

/**
 * Where a result opens for this role, or null when it has nowhere to go.
 * Customers are found by every role, but only the CRM roles open their page:
 * support sees the customer's conversations, finance their invoices.
 */
export function searchHitHref(hit: SearchHit, role: Role): string | null {
  switch (hit.kind) {
    case 'customer':
      if (canAccess(role, 'crm')) return paths.app.crm.customer.getHref(hit.id);
      if (canAccess(role, 'support')) {
        const search = new URLSearchParams({ visao: 'all', situacao: 'any', q: hit.title });
        return paths.app.support.root.getHref(search.toString());
      }
      if (canAccess(role, 'finance')) return paths.app.finance.invoices.getHref(new URLSearchParams({ q: hit.title }).toString());
      return null;
    case 'contact':
      // A contact has no page of its own: its customer's page lists it.
      return hit.parent_id && canAccess(role, 'crm') ? paths.app.crm.customer.getHref(hit.parent_id) : null;
    case 'opportunity':
      return paths.app.crm.opportunity.getHref(hit.id);
    case 'proposal':
      return paths.app.crm.proposal.getHref(hit.id);
    case 'ticket':
      return paths.app.support.ticket.getHref(hit.id);
    case 'invoice':
      return paths.app.finance.invoice.getHref(hit.id);
    default:
      return null;
  }
}

/**
 * The results in their groups (the palette's order whatever order they came
 * in), each option numbered across all groups for the arrow keys; a kind this
 * app does not know, or a result with nowhere to go, is left out.
 */
export function groupSearchHits(hits: readonly SearchHit[], role: Role): SearchGroup[] {
  const groups: SearchGroup[] = [];
  let index = 0;
  for (const { kind, label } of SEARCH_GROUPS) {
    const options: SearchOption[] = [];
    for (const hit of hits) {
      if (hit.kind !== kind) continue;
      const href = searchHitHref(hit, role);
      if (href) options.push({ hit, href, index: index++ });
    }
    if (options.length > 0) groups.push({ kind, label, options });
  }
  return groups;
}

/** Folds one character as the server compares: no accents, lower case ("Í" → "i"). */
const fold = (char: string) => char.normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();

/**
 * The parts of `text` that match a word of `q`, accents and capitals
 * ignored ("clinica" marks "Clínica"), as `[start, end)` ranges of `text`,
 * sorted and merged.
 */
export function matchRanges(text: string, q: string): [number, number][] {
  // The folded text, and for each of its characters where it came from.
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    for (const part of fold(char)) {
      folded += part;
      for (let i = 0; i < part.length; i += 1) origin.push(offset);
    }
    offset += char.length;
  }
  origin.push(text.length);
  // Where the character at `origin[i]` ends in `text`, with the accents typed apart after it.
  const endOf = (i: number) => {
    const start = origin[i];
    let end = start + ((text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1);
    while (end < text.length && /\p{Mn}/u.test(text[end])) end += 1;
    return end;
  };

  const words = [...new Set(q.split(/\s+/).map((word) => [...word].map(fold).join('')).filter(Boolean))];
  const ranges: [number, number][] = [];
  for (const word of words) {
    let from = folded.indexOf(word);
    while (from !== -1) {
      ranges.push([origin[from], endOf(from + word.length - 1)]);
      from = folded.indexOf(word, from + 1);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}
