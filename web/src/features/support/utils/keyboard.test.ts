import { describe, expect, it } from 'vitest';

import { isTypingTarget } from '@/lib/keyboard';

import { shortcutOf } from './keyboard';

const press = (key: string, target: EventTarget | null = document.body, extra: Partial<KeyboardEvent> = {}) =>
  shortcutOf({ key, target, ctrlKey: false, metaKey: false, altKey: false, repeat: false, ...extra });

describe('inbox shortcuts', () => {
  it('maps j, k, r, n, e and ?', () => {
    expect(press('j')).toBe('next');
    expect(press('k')).toBe('previous');
    expect(press('r')).toBe('reply');
    expect(press('N')).toBe('note');
    expect(press('e')).toBe('resolve');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
  });

  it('stays quiet while typing, with modifiers and in dialogs', () => {
    const textarea = document.createElement('textarea');
    const input = document.createElement('input');
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const select = document.createElement('select');
    expect(press('j', textarea)).toBeNull();
    expect(press('j', input)).toBeNull();
    expect(press('j', select)).toBeNull();
    expect(press('j', checkbox)).toBe('next');
    expect(press('j', document.body, { ctrlKey: true })).toBeNull();
    expect(press('e', document.body, { repeat: true })).toBeNull();

    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    const button = document.createElement('button');
    dialog.append(button);
    document.body.append(dialog);
    expect(isTypingTarget(button)).toBe(true);
    dialog.remove();
  });
});
