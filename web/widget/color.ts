const DEFAULT_COLOR = '#2563eb';

export function isHexColor(value: unknown): value is string {
  return typeof value === 'string' && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(value);
}

/** The channel's brand colour when it is a plain hex colour, else the default. */
export function brandColor(value: unknown): string {
  return isHexColor(value) ? value : DEFAULT_COLOR;
}

/** White or near-black, whichever reads better on `hex` (WCAG relative luminance). */
export function textOn(hex: string): string {
  let h = brandColor(hex).slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join('');
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(h.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white vs with #111: (1.05)/(L+0.05) against (L+0.05)/(0.0056+0.05).
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.0556 ? '#ffffff' : '#111111';
}
