// Outside the company's business hours the panel opens with the company's
// offline message and when it is back, in the visitor's own time zone:
// "Voltamos segunda-feira, 08/12, às 08:00."
import type { WidgetConfig } from './api';

/** "Voltamos segunda-feira, 08/12, às 08:00." for the next opening; null when unknown. */
export function reopening(iso: string | null | undefined, timeZone?: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('pt-BR', {
    weekday: 'long',
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `Voltamos ${part('weekday')}, ${part('day')}/${part('month')}, às ${part('hour')}:${part('minute')}.`;
}

/**
 * Whether the company is closed now. The page may stay open past the next
 * opening the config was fetched with: from then on it is open.
 */
export function isClosed(config: Pick<WidgetConfig, 'open_now' | 'next_open'>, now: number = Date.now()): boolean {
  if (config.open_now) return false;
  const next = config.next_open ? Date.parse(config.next_open) : Number.NaN;
  return Number.isNaN(next) || next > now;
}

/** The notice at the top of the panel while closed. */
export function offlineNotice(config: Pick<WidgetConfig, 'offline_message' | 'next_open'>, timeZone?: string): string {
  return [config.offline_message.trim(), reopening(config.next_open, timeZone)].filter(Boolean).join(' ');
}
