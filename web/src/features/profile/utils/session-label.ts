import Bowser from 'bowser';

export const UNKNOWN_BROWSER = 'Navegador desconhecido';

// Bowser's names, shortened where the long form says nothing more to a person.
const BROWSER_NAMES: Record<string, string> = {
  'Microsoft Edge': 'Edge',
  'Samsung Internet for Android': 'Samsung Internet',
  'Android Browser': 'Navegador do Android',
};

function systemName(os: Bowser.Parser.OSDetails): string {
  if (!os.name) return '';
  // "Windows 10"; the other systems' versions in a user agent are frozen or noise.
  if (os.name === 'Windows' && os.versionName && os.versionName !== 'NT') return `Windows ${os.versionName}`;
  return os.name;
}

/**
 * A login's browser and system, from the user agent it sent:
 * "Firefox 133 no Linux", "Chrome 131 no Windows 10", "Safari 17 no iOS";
 * "Navegador desconhecido" when it says nothing recognisable.
 */
export function sessionLabel(userAgent: string | null | undefined): string {
  const ua = userAgent?.trim();
  if (!ua) return UNKNOWN_BROWSER;
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(ua);
  } catch {
    return UNKNOWN_BROWSER;
  }
  const name = parsed.browser.name ? (BROWSER_NAMES[parsed.browser.name] ?? parsed.browser.name) : '';
  const major = parsed.browser.version?.split('.')[0] ?? '';
  const browser = name ? (major ? `${name} ${major}` : name) : UNKNOWN_BROWSER;
  const system = systemName(parsed.os);
  return system ? `${browser} no ${system}` : browser;
}

const date = new Intl.DateTimeFormat('pt-BR', { day: '2-digit', month: '2-digit', year: 'numeric' });
const time = new Intl.DateTimeFormat('pt-BR', { hour: '2-digit', minute: '2-digit' });

/** "07/12/2026 14:30", in this browser's time zone. */
export function formatStamp(iso: string): string {
  const at = new Date(iso);
  return `${date.format(at)} ${time.format(at)}`;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago, briefly: "agora mesmo", "há 5 min", "há 3 h", "há 2 dias"; a date after a month. */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const elapsed = now.getTime() - new Date(iso).getTime();
  if (elapsed < MINUTE) return 'agora mesmo';
  if (elapsed < HOUR) return `há ${Math.floor(elapsed / MINUTE)} min`;
  if (elapsed < DAY) return `há ${Math.floor(elapsed / HOUR)} h`;
  const days = Math.floor(elapsed / DAY);
  if (days < 30) return `há ${days} ${days === 1 ? 'dia' : 'dias'}`;
  return `em ${date.format(new Date(iso))}`;
}
