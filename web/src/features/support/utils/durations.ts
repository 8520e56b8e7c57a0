import { plural, pluralWord } from '@/lib/plural';

// SLA targets are business minutes; people read and type them as hours and minutes.

/**
 * A target in business time, in words: 60 → "1 hora útil", 240 → "4 horas
 * úteis", 90 → "1 hora e 30 minutos úteis", 1 → "1 minuto útil".
 */
export function formatBusinessMinutes(total: number): string {
  if (!Number.isFinite(total) || total < 0) return '—';
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  if (hours === 0) return `${plural(minutes, 'minuto', 'minutos')} ${pluralWord(minutes, 'útil', 'úteis')}`;
  if (minutes === 0) return `${plural(hours, 'hora', 'horas')} ${pluralWord(hours, 'útil', 'úteis')}`;
  return `${plural(hours, 'hora', 'horas')} e ${plural(minutes, 'minuto', 'minutos')} úteis`;
}

export function splitMinutes(total: number): { hours: string; minutes: string } {
  return { hours: String(Math.floor(total / 60)), minutes: String(total % 60) };
}

/** "4", "30" → 270; null when either part is not a whole number (minutes 0–59). Empty counts as 0. */
export function joinMinutes(hours: string, minutes: string): number | null {
  const h = hours.trim() === '' ? 0 : Number(hours.trim());
  const m = minutes.trim() === '' ? 0 : Number(minutes.trim());
  if (!Number.isInteger(h) || !Number.isInteger(m) || h < 0 || m < 0 || m > 59) return null;
  return h * 60 + m;
}
