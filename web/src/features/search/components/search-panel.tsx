import { useEffect, useId, useState, type KeyboardEvent } from 'react';

import { useMe } from '@/lib/auth';
import { cn } from '@/lib/cn';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';
import { useDebouncedValue } from '@/lib/use-debounced-value';

import { isSearchable, SEARCH_MAX_LENGTH, useGlobalSearch } from '../api/search';
import { groupSearchHits, matchRanges } from '../utils/results';

import { SearchIcon } from './search-icon';

/** How long typing must pause before the text is searched. */
export const SEARCH_DEBOUNCE_MS = 200;

export const SEARCH_PLACEHOLDER = 'Buscar clientes, tickets, faturas…';

/** `text` with the parts that match `q` in <mark>. */
function Highlighted({ text, q }: { text: string; q: string }) {
  const ranges = matchRanges(text, q);
  if (ranges.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className="rounded-sm bg-amber-100 text-inherit">
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

type SearchPanelProps = {
  /** Opens a result (the palette closes first). */
  onChoose: (href: string) => void;
  onClose: () => void;
};

/**
 * The palette's content: a combobox (WAI-ARIA 1.2) whose listbox holds the
 * results grouped by kind. Arrows move through every option across the
 * groups (wrapping), Enter opens the selected one; the text is searched once
 * typing pauses, and only the answer to the text on screen is shown.
 */
export function SearchPanel({ onChoose, onClose }: SearchPanelProps) {
  const { user } = useMe();
  const id = useId();
  const listId = `${id}-resultados`;
  const statusId = `${id}-situacao`;
  const optionId = (index: number) => `${id}-opcao-${index}`;

  const [text, setText] = useState('');
  const typed = text.trim();
  const q = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const search = useGlobalSearch(q);
  const searchable = isSearchable(typed);
  // Until the pause, the answer on hand is for other text: it is not shown.
  const settled = searchable && q === typed;
  const groups = settled && search.data ? groupSearchHits(search.data.items, user.role) : [];
  const options = groups.flatMap((group) => group.options);

  // The selected option, for this text's results (new results start at the first).
  const [cursor, setCursor] = useState({ q: '', index: 0 });
  const activeIndex = cursor.q === q && cursor.index < options.length ? cursor.index : 0;
  const active = options[activeIndex] ?? null;
  const move = (step: number) => {
    if (options.length === 0) return;
    setCursor({ q, index: (activeIndex + step + options.length) % options.length });
  };

  const activeId = active ? optionId(active.index) : undefined;
  useEffect(() => {
    if (!activeId) return;
    document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Keys that compose a character (accents on some keyboards) are not commands.
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (active) onChoose(active.href);
    }
  };

  let status: string;
  let statusTone = 'text-slate-500';
  if (!searchable) status = 'Digite pelo menos 2 letras.';
  else if (!settled || search.isPending || (search.isError && search.isFetching)) status = 'Buscando…';
  else if (search.isError) {
    status = `Não foi possível buscar. ${problemMessage(search.error)}`;
    statusTone = 'text-red-700';
  } else if (options.length === 0) status = `Nada encontrado para “${typed}”.`;
  else status = plural(options.length, 'resultado', 'resultados');
  const showResults = options.length > 0;

  return (
    <div className="flex max-h-[min(36rem,calc(100dvh-4rem))] flex-col">
      <div className="flex items-center gap-2 border-b border-slate-200 px-4">
        <span className="shrink-0 text-slate-400">
          <SearchIcon />
        </span>
        <input
          type="text"
          role="combobox"
          aria-label="Buscar"
          aria-expanded={showResults}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showResults ? activeId : undefined}
          aria-describedby={statusId}
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          enterKeyHint="go"
          maxLength={SEARCH_MAX_LENGTH}
          placeholder={SEARCH_PLACEHOLDER}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          className="h-14 min-w-0 flex-1 bg-transparent text-base text-slate-900 outline-none placeholder:text-slate-400"
        />
        <button
          type="button"
          onClick={onClose}
          aria-label="Fechar busca"
          className="shrink-0 rounded-md px-2 py-1 text-xs font-medium text-slate-500 ring-1 ring-slate-300 hover:bg-slate-100"
        >
          Esc
        </button>
      </div>

      <div className={showResults ? 'sr-only' : 'px-4 py-6 text-center'}>
        <p id={statusId} role="status" className={cn('text-sm', statusTone)}>
          {status}
        </p>
        {search.isError && settled && !search.isFetching && (
          <button type="button" onClick={() => void search.refetch()} className="mt-2 text-sm font-medium text-indigo-700 hover:underline">
            Tentar novamente
          </button>
        )}
      </div>

      <div id={listId} role="listbox" aria-label="Resultados da busca" hidden={!showResults} className="min-h-0 flex-1 overflow-y-auto py-2">
        {groups.map((group) => {
          const labelId = `${id}-grupo-${group.kind}`;
          return (
            <ul key={group.kind} role="group" aria-labelledby={labelId}>
              <li role="presentation" id={labelId} className="px-4 pt-2 pb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
                {group.label}
              </li>
              {group.options.map((option) => {
                const selected = option.index === activeIndex;
                const subtitleId = `${optionId(option.index)}-detalhe`;
                return (
                  <li
                    key={option.hit.id}
                    id={optionId(option.index)}
                    role="option"
                    aria-selected={selected}
                    // Named by the title alone (the marks inside must not split its words), told apart by the subtitle.
                    aria-label={option.hit.title}
                    aria-describedby={option.hit.subtitle ? subtitleId : undefined}
                    className={cn('mx-2 cursor-pointer rounded-md px-3 py-2', selected ? 'bg-indigo-50 text-indigo-950' : 'text-slate-800')}
                    // mousedown, not click, keeps the focus in the box.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => onChoose(option.href)}
                    onMouseMove={() => {
                      if (!selected) setCursor({ q, index: option.index });
                    }}
                  >
                    <span className="block truncate text-sm font-medium">
                      <Highlighted text={option.hit.title} q={q} />
                    </span>
                    {option.hit.subtitle && (
                      <span id={subtitleId} className="block truncate text-xs text-slate-500">
                        {option.hit.subtitle}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          );
        })}
      </div>

      <p aria-hidden="true" className="hidden gap-4 border-t border-slate-200 px-4 py-2 text-xs text-slate-500 sm:flex">
        <span>↑ ↓ para navegar</span>
        <span>Enter para abrir</span>
        <span>Esc para fechar</span>
      </p>
    </div>
  );
}
