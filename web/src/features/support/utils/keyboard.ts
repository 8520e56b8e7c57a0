// The inbox's keyboard shortcuts, ignored while the agent types.

/** True when keys go to a text field (or a dialog is open), so single-letter shortcuts must not fire. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  if (element.isContentEditable) return true;
  if (element.closest('dialog[open]')) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (element as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}

export type InboxShortcut = 'next' | 'previous' | 'reply' | 'note' | 'resolve' | 'help';

export const SHORTCUTS: { keys: string; action: InboxShortcut; label: string }[] = [
  { keys: 'j', action: 'next', label: 'Próximo ticket' },
  { keys: 'k', action: 'previous', label: 'Ticket anterior' },
  { keys: 'r', action: 'reply', label: 'Responder (vai para a caixa de texto)' },
  { keys: 'n', action: 'note', label: 'Alternar nota interna' },
  { keys: 'e', action: 'resolve', label: 'Resolver o ticket' },
  { keys: '?', action: 'help', label: 'Mostrar os atalhos' },
];

/** The shortcut a key press means, or null (modifiers other than Shift, typing, repeats). */
export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target' | 'repeat'>): InboxShortcut | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  if (isTypingTarget(event.target)) return null;
  const key = event.key === '?' ? '?' : event.key.toLowerCase();
  return SHORTCUTS.find((shortcut) => shortcut.keys === key)?.action ?? null;
}
