// The inbox's keyboard shortcuts, ignored while the agent types.

import { isTypingTarget } from '@/lib/keyboard';

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
