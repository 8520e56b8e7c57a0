import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, describe, expect, it, vi } from 'vitest';

import { loaderSource, versionWidget } from './widget-loader.mjs';

describe('widget loader', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.head.replaceChildren();
    document.body.replaceChildren();
  });

  it('adds the versioned bundle next to itself with its data-* attributes and nonce', () => {
    const me = document.createElement('script');
    me.setAttribute('src', 'https://crm.example.com/widget.js');
    me.setAttribute('data-channel', 't1.c1');
    me.setAttribute('data-position', 'left');
    me.setAttribute('data-open', 'true');
    me.setAttribute('nonce', 'n0nce');
    me.setAttribute('id', 'not-copied');
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(me);
    const added = [];
    vi.spyOn(document.head, 'appendChild').mockImplementation((node) => (added.push(node), node));

    new Function(loaderSource('widget/chat.0123456789.js'))();

    expect(added).toHaveLength(1);
    const [script] = added;
    expect(script.tagName).toBe('SCRIPT');
    expect(script.async).toBe(true);
    expect(script.src).toBe('https://crm.example.com/widget/chat.0123456789.js');
    expect(script.dataset).toMatchObject({ channel: 't1.c1', position: 'left', open: 'true' });
    expect(script.getAttribute('nonce')).toBe('n0nce');
    expect(script.hasAttribute('id')).toBe(false);
  });

  it('is plain ASCII', () => {
    expect(/^[\x20-\x7e\n]*$/.test(loaderSource('widget/chat.0123456789.js'))).toBe(true);
  });

  it('names the bundle after its content and points the loader at it, removing older bundles', () => {
    const dist = mkdtempSync(join(tmpdir(), 'widget-'));
    try {
      mkdirSync(join(dist, 'widget'));
      writeFileSync(join(dist, 'widget', 'chat.aaaaaaaaaa.js'), 'old');
      writeFileSync(join(dist, 'widget', 'chat.aaaaaaaaaa.js.br'), 'old');
      writeFileSync(join(dist, 'widget', 'chat.js'), 'console.log("webchat")');
      const { name } = versionWidget(dist);
      // The first 10 hex digits of sha256('console.log("webchat")').
      expect(name).toBe('chat.647661cee4.js');
      expect(readdirSync(join(dist, 'widget'))).toEqual([name]);
      expect(readFileSync(join(dist, 'widget', name), 'utf8')).toBe('console.log("webchat")');
      expect(readFileSync(join(dist, 'widget.js'), 'utf8')).toContain(`"widget/${name}"`);
      expect(existsSync(join(dist, 'widget', 'chat.js'))).toBe(false);
      // The same content, the same name.
      writeFileSync(join(dist, 'widget', 'chat.js'), 'console.log("webchat")');
      expect(versionWidget(dist).name).toBe(name);
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
