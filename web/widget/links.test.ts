import { describe, expect, it } from 'vitest';

import { linkify, safeHref } from './links';

const box = (text: string) => {
  const p = document.createElement('p');
  p.append(...linkify(text));
  return p;
};

describe('linkify', () => {
  it('turns web, e-mail and phone links into <a> that open apart from the site', () => {
    const p = box('Veja https://loja.com.br/frete?cep=13000. Ou www.loja.com.br, ana@loja.com.br e tel:1932345678.');
    const links = [...p.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['https://loja.com.br/frete?cep=13000', 'https://loja.com.br/frete?cep=13000'],
      ['www.loja.com.br', 'https://www.loja.com.br/'],
      ['ana@loja.com.br', 'mailto:ana@loja.com.br'],
      ['tel:1932345678', 'tel:1932345678'],
    ]);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
    // The text around them is kept as it was.
    expect(p.textContent).toBe('Veja https://loja.com.br/frete?cep=13000. Ou www.loja.com.br, ana@loja.com.br e tel:1932345678.');
  });

  it('leaves any other scheme as text', () => {
    for (const text of ['javascript:alert(1)', 'ftp://arquivos.loja.com.br/a.zip', 'file:///etc/passwd', 'data:text/html,<b>oi</b>']) {
      const p = box(`clique: ${text}`);
      expect(p.querySelector('a[href^="javascript"], a[href^="ftp"], a[href^="file"], a[href^="data"]')).toBeNull();
      expect(p.textContent).toBe(`clique: ${text}`);
    }
  });

  it('never builds markup from the text', () => {
    const p = box('<img src=x onerror=alert(1)> https://loja.com.br');
    expect(p.querySelector('img')).toBeNull();
    expect(p.textContent).toBe('<img src=x onerror=alert(1)> https://loja.com.br');
  });
});

describe('safeHref', () => {
  it('accepts http, https, mailto and tel only', () => {
    expect(safeHref('HTTPS://Loja.com.br')).toBe('https://loja.com.br/');
    expect(safeHref('mailto:a@b.com')).toBe('mailto:a@b.com');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('JavaScript:alert(1)')).toBeNull();
    expect(safeHref('vbscript:x')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});
