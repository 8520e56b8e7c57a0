// What the site's <script> tag may change in the channel's settings, for a
// site that wants the chat elsewhere or in its own words on some pages:
// data-position, data-offset-x, data-offset-y, data-color, data-title,
// data-greeting. A value that does not parse is ignored (the channel's
// setting stays); offsets are clamped to 0–400 px, as the server does.
import type { WidgetConfig } from './api';
import { isHexColor } from './color';

export const OFFSET_MAX = 400;
const OFFSET_DEFAULT = 20;

type Data = Partial<Record<string, string>>;

const clamp = (n: number) => Math.min(OFFSET_MAX, Math.max(0, Math.round(n)));

/** A data-offset-* value in px: an integer ("24", "-5" → 0, "900" → 400); anything else is ignored. */
export function parseOffset(raw: string | undefined): number | undefined {
  const value = raw?.trim();
  return value && /^-?\d+$/.test(value) ? clamp(Number(value)) : undefined;
}

const text = (raw: string | undefined) => raw?.trim() || undefined;

export function withEmbedOptions(config: WidgetConfig, data: Data): WidgetConfig {
  const position = data.position?.trim().toLowerCase();
  const color = data.color?.trim();
  return {
    ...config,
    position: position === 'left' || position === 'right' ? position : config.position === 'left' ? 'left' : 'right',
    offset_x: parseOffset(data.offsetX) ?? (Number.isFinite(config.offset_x) ? clamp(config.offset_x) : OFFSET_DEFAULT),
    offset_y: parseOffset(data.offsetY) ?? (Number.isFinite(config.offset_y) ? clamp(config.offset_y) : OFFSET_DEFAULT),
    color: isHexColor(color) ? color : config.color,
    title: text(data.title) ?? config.title,
    greeting: text(data.greeting) ?? config.greeting,
  };
}
