import { useId, useState } from 'react';

import { cn } from '@/lib/cn';

/** Normalised as the server keeps tags: trimmed, lower case, no repeats. */
export function normaliseTag(value: string): string {
  return value.trim().toLowerCase();
}

/** Chips with ✕ and an input: Enter or comma adds, Backspace on an empty input removes the last. */
export function TagsEditor({
  label,
  tags,
  onChange,
  disabled,
  placeholder = 'Nova etiqueta',
  maxTags = 20,
  maxLength = 40,
}: {
  label: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  disabled?: boolean;
  placeholder?: string;
  maxTags?: number;
  maxLength?: number;
}) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const add = (raw: string) => {
    const values = raw.split(',').map(normaliseTag).filter(Boolean);
    const next = [...tags];
    for (const value of values) if (!next.includes(value) && next.length < maxTags) next.push(value.slice(0, maxLength));
    if (next.length !== tags.length) onChange(next);
    setDraft('');
  };
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className={cn('flex flex-wrap items-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1', disabled && 'bg-slate-100')}>
        <ul className="contents" aria-label={label}>
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-800">
              {tag}
              <button
                type="button"
                disabled={disabled}
                aria-label={`Remover ${tag}`}
                className="rounded-full px-0.5 text-slate-500 hover:bg-slate-200 hover:text-slate-900"
                onClick={() => onChange(tags.filter((item) => item !== tag))}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
        <input
          id={id}
          value={draft}
          disabled={disabled || tags.length >= maxTags}
          maxLength={maxLength}
          placeholder={tags.length >= maxTags ? '' : placeholder}
          className="min-w-24 flex-1 border-0 bg-transparent px-1 py-0.5 text-sm outline-none focus-visible:outline-none"
          onChange={(event) => {
            if (event.target.value.includes(',')) add(event.target.value);
            else setDraft(event.target.value);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              if (draft.trim()) add(draft);
            } else if (event.key === 'Backspace' && draft === '' && tags.length > 0) {
              onChange(tags.slice(0, -1));
            }
          }}
          onBlur={() => {
            if (draft.trim()) add(draft);
          }}
        />
      </div>
    </div>
  );
}
