import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';

import { isApplePlatform, isTypingTarget } from '@/lib/keyboard';

import { SearchIcon } from './search-icon';
import { SEARCH_PLACEHOLDER, SearchPanel } from './search-panel';

/** Ctrl+K (⌘K on a Mac), whatever has the focus. */
const isPaletteShortcut = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k';

/** "/" outside text fields and dialogs, as on many sites. */
const isSlash = (event: KeyboardEvent) =>
  event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);

/**
 * The header's search: a box on wide screens, an icon on phones, and the
 * palette ("Busca") they open — also with Ctrl+K / ⌘K anywhere in the app
 * and "/" when not typing. Closing it (Esc, the backdrop, "Esc") puts the
 * focus back where it was.
 */
export function GlobalSearch() {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  /** What had the focus when the palette opened. */
  const returnFocus = useRef<HTMLElement | null>(null);
  const navigate = useNavigate();
  const shortcut = isApplePlatform() ? '⌘K' : 'Ctrl K';

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      if (!isPaletteShortcut(event) && !(isSlash(event) && !open)) return;
      event.preventDefault();
      if (open) {
        // Already open: back to the box, its text selected to type over.
        dialogRef.current?.querySelector('input')?.select();
        return;
      }
      const focused = document.activeElement;
      returnFocus.current = focused instanceof HTMLElement && focused !== document.body ? focused : null;
      setOpen(true);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open) {
      if (!dialog.open) {
        if (typeof dialog.showModal === 'function') dialog.showModal();
        else dialog.setAttribute('open', '');
      }
      dialog.querySelector('input')?.focus();
    } else if (dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
      const target = returnFocus.current;
      returnFocus.current = null;
      if (target?.isConnected) target.focus();
    }
  }, [open]);

  const openFrom = (button: HTMLElement) => {
    returnFocus.current = button;
    setOpen(true);
  };
  const close = () => setOpen(false);
  const choose = (href: string) => {
    setOpen(false);
    void navigate(href);
  };

  return (
    <>
      <button
        type="button"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        onClick={(event) => openFrom(event.currentTarget)}
        className="hidden h-10 w-full max-w-md min-w-0 items-center gap-2 rounded-md bg-white px-3 text-left text-sm text-slate-500 ring-1 ring-slate-300 hover:ring-slate-400 md:flex"
      >
        <SearchIcon className="size-4 shrink-0 text-slate-400" />
        <span className="min-w-0 flex-1 truncate">{SEARCH_PLACEHOLDER}</span>
        <kbd aria-hidden="true" className="shrink-0 rounded border border-slate-300 bg-slate-50 px-1.5 font-sans text-xs text-slate-500">
          {shortcut}
        </kbd>
      </button>
      <button
        type="button"
        aria-label="Buscar"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        title={`Buscar (${shortcut})`}
        onClick={(event) => openFrom(event.currentTarget)}
        className="inline-flex size-10 shrink-0 items-center justify-center rounded-md text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 md:hidden"
      >
        <SearchIcon />
      </button>

      <dialog
        ref={dialogRef}
        aria-label="Busca"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            close();
          }
        }}
        // A click on the backdrop lands on the dialog itself.
        onClick={(event) => {
          if (event.target === event.currentTarget) close();
        }}
        className="mx-auto mt-[max(1rem,10dvh)] w-[min(40rem,calc(100vw-2rem))] overflow-hidden rounded-xl bg-white p-0 shadow-2xl ring-1 ring-slate-200 backdrop:bg-slate-900/50"
      >
        {open && <SearchPanel onChoose={choose} onClose={close} />}
      </dialog>
    </>
  );
}
