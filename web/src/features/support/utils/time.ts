// Instants in the inbox: "agora", "5 min", "14:32", "ontem", "03/11".

const time = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit' });
const dayMonth = new Intl.DateTimeFormat('pt-BR', { day: '2-digit', month: '2-digit' });
const full = new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short', timeStyle: 'short' });

function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A short age for a list: under an hour in minutes, today as a time, yesterday, else the date. */
export function formatAge(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const minutes = Math.floor((now.getTime() - at.getTime()) / 60_000);
  if (minutes < 1) return 'agora';
  if (minutes < 60) return `${minutes} min`;
  if (sameDay(at, now)) return time.format(at);
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(at, yesterday)) return 'ontem';
  return dayMonth.format(at);
}

/** The time of a message, with the date when it is not today. */
export function formatMessageTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  return sameDay(at, now) ? time.format(at) : full.format(at);
}

/** Separator between days in a conversation: "Hoje", "Ontem", "03/11/2026". */
export function formatDay(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  if (sameDay(at, now)) return 'Hoje';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(at, yesterday)) return 'Ontem';
  return new Intl.DateTimeFormat('pt-BR', { dateStyle: 'short' }).format(at);
}

export function isSameDay(a: string, b: string): boolean {
  return sameDay(new Date(a), new Date(b));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of an <input type="datetime-local"> in this browser's time zone. */
export function toLocalInput(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of an <input type="datetime-local"> (local time) as an ISO instant; null when empty or invalid. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Quick choices for "adiar" and "enviar depois". */
export function inHours(hours: number, now: Date = new Date()): Date {
  return new Date(now.getTime() + hours * 3_600_000);
}

/** The next day at `hour`:00 local time. */
export function tomorrowAt(hour: number, now: Date = new Date()): Date {
  const date = new Date(now);
  date.setDate(date.getDate() + 1);
  date.setHours(hour, 0, 0, 0);
  return date;
}

/** Next Monday at `hour`:00 local time (a week from today when it is Monday). */
export function nextMondayAt(hour: number, now: Date = new Date()): Date {
  const date = new Date(now);
  const days = ((8 - date.getDay()) % 7) || 7;
  date.setDate(date.getDate() + days);
  date.setHours(hour, 0, 0, 0);
  return date;
}

/** Whether an ISO instant is still ahead. */
export function isFuture(iso: string, now: Date = new Date()): boolean {
  return new Date(iso).getTime() > now.getTime();
}
