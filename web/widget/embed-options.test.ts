import { describe, expect, it } from 'vitest';

import { CONFIG } from './chat-harness';
import { parseOffset, withEmbedOptions } from './embed-options';

describe('data-* options of the script tag', () => {
  it('keeps the channel’s settings when the tag says nothing', () => {
    expect(withEmbedOptions(CONFIG, {})).toEqual(CONFIG);
  });

  it('lets the tag change side, offsets, colour, title and greeting', () => {
    const script = document.createElement('script');
    script.setAttribute('data-position', 'left');
    script.setAttribute('data-offset-x', '32');
    script.setAttribute('data-offset-y', '900');
    script.setAttribute('data-color', '#0F766E');
    script.setAttribute('data-title', ' Loja Sol — Campinas ');
    script.setAttribute('data-greeting', 'Oi! Fale com a loja de Campinas.');
    expect(withEmbedOptions(CONFIG, script.dataset)).toEqual({
      ...CONFIG,
      position: 'left',
      offset_x: 32,
      offset_y: 400,
      color: '#0F766E',
      title: 'Loja Sol — Campinas',
      greeting: 'Oi! Fale com a loja de Campinas.',
    });
  });

  it('ignores values that do not parse', () => {
    const options = { position: 'top', offsetX: '12px', offsetY: 'abc', color: 'red', title: '  ', greeting: '' };
    expect(withEmbedOptions(CONFIG, options)).toEqual(CONFIG);
  });

  it('clamps offsets to 0–400, the server’s too', () => {
    expect(parseOffset('-5')).toBe(0);
    expect(parseOffset(' 24 ')).toBe(24);
    expect(parseOffset('401')).toBe(400);
    expect(parseOffset('1e3')).toBeUndefined();
    expect(parseOffset(undefined)).toBeUndefined();
    expect(withEmbedOptions({ ...CONFIG, offset_x: 9000, offset_y: -1 }, {})).toMatchObject({ offset_x: 400, offset_y: 0 });
  });
});
