// Links in a message's text, found by linkifyjs and built as DOM nodes (no
// innerHTML: sites with Trusted Types). Only web, e-mail and phone links
// become <a>; any other scheme (javascript:, data:, file:, ftp:…) stays text.
import { registerCustomProtocol, tokenize } from 'linkifyjs';

// linkifyjs finds "tel:" only once registered (before its first use).
registerCustomProtocol('tel', true);

const SAFE_SCHEMES = ['http:', 'https:', 'mailto:', 'tel:'];

/** The href when its scheme is one we open, else null. */
export function safeHref(href: string): string | null {
  try {
    const url = new URL(href);
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The text as text and <a> nodes, ready for `append`. */
export function linkify(text: string): (Node | string)[] {
  return tokenize(text).map((token) => {
    const value = token.toString();
    // "loja.com.br" has no scheme: https, as sites are today.
    const href = token.isLink ? safeHref(token.toHref('https')) : null;
    if (!href) return value;
    const a = document.createElement('a');
    a.href = href;
    a.target = '_blank';
    // The opened page gets neither window.opener nor the customer's address.
    a.rel = 'noopener noreferrer';
    a.textContent = value;
    return a;
  });
}
