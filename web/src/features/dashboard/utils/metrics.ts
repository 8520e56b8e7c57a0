// How the dashboard writes its numbers: a change against the period before
// (▲/▼ in %), durations in business time, shares in percent.

const wholePercent = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 0 });
const percentFormat = new Intl.NumberFormat('pt-BR', { style: 'percent', maximumFractionDigits: 1 });
const oneDecimal = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 1 });

/** Which way is good news: more resolved is good, a longer wait is bad, more tickets is neither. */
export type Better = 'up' | 'down' | 'neutral';

export type Change = {
  /** `new`: nothing in the period before; `none`: nothing to compare. */
  direction: 'up' | 'down' | 'flat' | 'new' | 'none';
  /** What the card shows: "▲ 50%", "▼ 20%", "0%", "▲ novo", "—". */
  text: string;
  /** The sentence for screen readers. */
  label: string;
  tone: 'good' | 'bad' | 'neutral';
};

function toneOf(direction: Change['direction'], better: Better): Change['tone'] {
  if (better === 'neutral') return 'neutral';
  if (direction === 'up' || direction === 'new') return better === 'up' ? 'good' : 'bad';
  if (direction === 'down') return better === 'down' ? 'good' : 'bad';
  return 'neutral';
}

/**
 * The change from `previous` to `current` in percent of `previous`. A
 * previous of zero has no percentage: "▲ novo" when something appeared,
 * "0%" when both are zero; a missing value (a median of nothing) is "—".
 */
export function describeChange(current: number | null | undefined, previous: number | null | undefined, better: Better = 'up'): Change {
  if (current == null || previous == null) {
    return { direction: 'none', text: '—', label: 'Sem comparação com o período anterior', tone: 'neutral' };
  }
  if (previous === 0) {
    if (current === 0) return { direction: 'flat', text: '0%', label: 'Igual ao período anterior', tone: 'neutral' };
    const direction = current > 0 ? 'new' : 'down';
    return {
      direction,
      text: current > 0 ? '▲ novo' : '▼',
      label: 'Nenhum no período anterior',
      tone: toneOf(direction, better),
    };
  }
  const pct = Math.round(((current - previous) / Math.abs(previous)) * 100);
  if (pct === 0) return { direction: 'flat', text: '0%', label: 'Igual ao período anterior', tone: 'neutral' };
  const direction = pct > 0 ? 'up' : 'down';
  const amount = `${wholePercent.format(Math.abs(pct))}%`;
  return {
    direction,
    text: `${pct > 0 ? '▲' : '▼'} ${amount}`,
    label: `${pct > 0 ? 'Alta' : 'Queda'} de ${amount} em relação ao período anterior`,
    tone: toneOf(direction, better),
  };
}

/** yes ÷ total, or null without any counted. */
export const ratioOf = (yes: number, total: number): number | null => (total > 0 ? yes / total : null);

/** A share (0–1) as "85,5%"; "—" when there is none. */
export const formatPercent = (value: number | null | undefined) => (value == null ? '—' : percentFormat.format(value));

/** The change of a share (0–1) in percentage points: "▲ 5 p.p.". */
export function describePointChange(current: number | null, previous: number | null, better: Better = 'up'): Change {
  if (current == null || previous == null) {
    return { direction: 'none', text: '—', label: 'Sem comparação com o período anterior', tone: 'neutral' };
  }
  const points = Math.round((current - previous) * 1000) / 10;
  if (points === 0) return { direction: 'flat', text: '0 p.p.', label: 'Igual ao período anterior', tone: 'neutral' };
  const direction = points > 0 ? 'up' : 'down';
  const amount = `${oneDecimal.format(Math.abs(points))} p.p.`;
  return {
    direction,
    text: `${points > 0 ? '▲' : '▼'} ${amount}`,
    label: `${points > 0 ? 'Alta' : 'Queda'} de ${amount} em relação ao período anterior`,
    tone: toneOf(direction, better),
  };
}

/**
 * Seconds as people say them: "40 s", "12 min", "3 h 20 min", "2 d", "1 d 4 h";
 * "—" when there is none. Under an hour it rounds to the minute, under a
 * day to the minute, beyond to the hour.
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '—';
  const secs = Math.max(0, Math.round(seconds));
  if (secs < 60) return `${secs} s`;
  const minutes = Math.round(secs / 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 24 * 60) {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m ? `${h} h ${m} min` : `${h} h`;
  }
  const hours = Math.round(secs / 3600);
  const d = Math.floor(hours / 24);
  const h = hours % 24;
  return h ? `${d} d ${h} h` : `${d} d`;
}

/** A decimal with at most one place: 4.25 → "4,3"; "—" for none. */
export const formatDecimal = (value: number | null | undefined) => (value == null ? '—' : oneDecimal.format(value));
