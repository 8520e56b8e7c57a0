/**
 * An SVG document as a `data:` URL for an <img>: the browser renders it as an
 * image (no scripts, no access to the page), unlike markup put into the DOM.
 * UTF-8 safe (btoa alone only takes Latin-1).
 */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
