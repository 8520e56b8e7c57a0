// DOM building for the widget. Everything is made node by node: no
// innerHTML, so sites enforcing Trusted Types accept it.
import { STYLES } from './styles';

type Props = Record<string, string | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'class') el.className = value;
    else el.setAttribute(key, value);
  }
  el.append(...children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export const ICON_CHAT =
  'M12 3C6.5 3 2 6.9 2 11.7c0 2.5 1.2 4.7 3.2 6.3-.1 1.3-.6 2.7-1.7 3.7 2.2 0 4.1-.8 5.4-1.8 1 .3 2 .4 3.1.4 5.5 0 10-3.9 10-8.6S17.5 3 12 3z';
export const ICON_CLOSE = 'M6 6l12 12M18 6L6 18';
export const ICON_SEND =
  'M3.4 20.4l17.5-7.5c.8-.4.8-1.5 0-1.8L3.4 3.6c-.7-.3-1.4.3-1.3 1l1 5.6 10.4 1.8-10.4 1.8-1 5.6c-.1.7.6 1.3 1.3 1z';

export function icon(d: string, stroked = false): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  const attrs: Record<string, string> = stroked
    ? { viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2.2', 'stroke-linecap': 'round' }
    : { viewBox: '0 0 24 24', fill: 'currentColor' };
  for (const [key, value] of Object.entries({ ...attrs, 'aria-hidden': 'true', focusable: 'false' })) svg.setAttribute(key, value);
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

/** The stylesheet: a constructed sheet where supported, else a <style> element. */
export function adoptStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(STYLES);
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Fall back to a <style> element.
    }
  }
  const style = document.createElement('style');
  style.textContent = STYLES;
  root.append(style);
}
