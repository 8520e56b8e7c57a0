import type { BusinessWindow } from '@/lib/api/models';

// Opening hours of a team: windows per ISO weekday (1 = Monday … 7 =
// Sunday), "HH:MM" to "HH:MM" on the same day. Empty means "the company's
// hours". The server checks the same rules; these let the form explain them
// on the row that breaks them.

export const WEEKDAYS: { value: number; label: string; short: string }[] = [
  { value: 1, label: 'Segunda-feira', short: 'Seg' },
  { value: 2, label: 'Terça-feira', short: 'Ter' },
  { value: 3, label: 'Quarta-feira', short: 'Qua' },
  { value: 4, label: 'Quinta-feira', short: 'Qui' },
  { value: 5, label: 'Sexta-feira', short: 'Sex' },
  { value: 6, label: 'Sábado', short: 'Sáb' },
  { value: 7, label: 'Domingo', short: 'Dom' },
];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const isTime = (value: string) => TIME.test(value);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The problem of each window that has one, by index; empty when every window is fine. */
export function validateBusinessHours(windows: readonly BusinessWindow[]): Record<number, string> {
  const errors: Record<number, string> = {};
  windows.forEach((window, index) => {
    if (!Number.isInteger(window.weekday) || window.weekday < 1 || window.weekday > 7) {
      errors[index] = 'Escolha o dia da semana.';
    } else if (!isTime(window.opens) || !isTime(window.closes)) {
      errors[index] = 'Use horários no formato HH:MM.';
    } else if (minutesOf(window.opens) >= minutesOf(window.closes)) {
      errors[index] = 'A abertura deve ser antes do fechamento (no mesmo dia).';
    }
  });
  // Overlaps on the same day, reported on the later window.
  windows.forEach((window, index) => {
    if (errors[index]) return;
    const overlapping = windows.some(
      (other, otherIndex) =>
        otherIndex < index &&
        !errors[otherIndex] &&
        other.weekday === window.weekday &&
        minutesOf(other.opens) < minutesOf(window.closes) &&
        minutesOf(window.opens) < minutesOf(other.closes),
    );
    if (overlapping) errors[index] = 'Este horário se sobrepõe a outro do mesmo dia.';
  });
  return errors;
}

/** By day, then opening time: how the server keeps them. */
export function sortWindows(windows: readonly BusinessWindow[]): BusinessWindow[] {
  return [...windows].sort((a, b) => a.weekday - b.weekday || minutesOf(a.opens) - minutesOf(b.opens));
}

/** Monday to Friday, 08:00–18:00: a starting point for a new team. */
export function weekdaysTemplate(opens = '08:00', closes = '18:00'): BusinessWindow[] {
  return [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
}

/** "Seg–Sex 08:00–18:00; Sáb 08:00–12:00", or the company's hours when empty. */
export function describeBusinessHours(windows: readonly BusinessWindow[]): string {
  if (windows.length === 0) return 'Horário da empresa';
  const byRange = new Map<string, number[]>();
  for (const window of sortWindows(windows)) {
    const range = `${window.opens}–${window.closes}`;
    byRange.set(range, [...(byRange.get(range) ?? []), window.weekday]);
  }
  const short = (day: number) => WEEKDAYS.find((weekday) => weekday.value === day)?.short ?? String(day);
  const parts: string[] = [];
  for (const [range, days] of byRange) {
    const unique = [...new Set(days)];
    const consecutive = unique.length > 2 && unique.every((day, index) => index === 0 || day === unique[index - 1] + 1);
    const dayText = consecutive ? `${short(unique[0])}–${short(unique[unique.length - 1])}` : unique.map(short).join(', ');
    parts.push(`${dayText} ${range}`);
  }
  return parts.join('; ');
}
