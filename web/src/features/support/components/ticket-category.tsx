import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import type { Ticket } from '@/lib/api/models';

import { useTriageRules } from '../api/triage';
import { canonicalCategory, categoryChoices } from '../utils/triage';

/**
 * The ticket's category, in the header: one of the company's (its triage
 * rules') or a new one typed freely. Saving it is what teaches the
 * company's triage model categories, so a typed name that matches a known
 * one is sent with the known spelling. The parent remounts it (key) when
 * the ticket's category changes elsewhere.
 */
export function TicketCategoryField({ ticket, disabled, onSave }: { ticket: Ticket; disabled?: boolean; onSave: (category: string) => void }) {
  // Agents read the rules too; without them the field is plain text.
  const rules = useTriageRules();
  const [draft, setDraft] = useState(ticket.category ?? '');
  const id = useId();
  const choices = categoryChoices(rules.data ?? [], ticket.category);
  const next = canonicalCategory(draft, choices);
  // An absent category means "unchanged" to the server, so an emptied field has nothing to save.
  const changed = next !== '' && next !== (ticket.category ?? '');

  return (
    <form
      aria-label="Categoria do ticket"
      className="flex items-center gap-1.5"
      onSubmit={(event) => {
        event.preventDefault();
        if (changed) onSave(next);
      }}
    >
      {/* Visible, unlike the selects' labels: a bare box holding "cobrança" would not say what it is. */}
      <label className="text-xs text-slate-600" htmlFor={id}>
        Categoria
      </label>
      <input
        id={id}
        list={`${id}-choices`}
        value={draft}
        maxLength={100}
        placeholder="Sem categoria"
        autoComplete="off"
        disabled={disabled}
        title="Categoria do ticket: escolha uma da empresa ou digite uma nova"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setDraft(ticket.category ?? '');
        }}
        className="h-8 w-40 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 placeholder:text-slate-500 disabled:bg-slate-100"
      />
      <datalist id={`${id}-choices`}>
        {choices.map((choice) => (
          <option key={choice} value={choice} />
        ))}
      </datalist>
      {changed && (
        <Button type="submit" size="sm" variant="secondary" disabled={disabled}>
          Salvar categoria
        </Button>
      )}
    </form>
  );
}
