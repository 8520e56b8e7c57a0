// Brazilian phone numbers: area code (DDD, two digits 1–9) plus 8 digits for a
// landline (starting 2–5) or 9 digits for a mobile (starting 9). Shown as
// (11) 91234-5678, sent in E.164 (+5511912345678). A leading country code 55
// is dropped when reading.

export function normalizePhone(value: string): string {
  let digits = value.replace(/\D/g, '');
  if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) digits = digits.slice(2);
  return digits.slice(0, 11);
}

export function formatPhone(value: string): string {
  const d = normalizePhone(value);
  if (d.length === 0) return '';
  if (d.length <= 2) return `(${d}`;
  const area = `(${d.slice(0, 2)}) `;
  const rest = d.slice(2);
  if (rest.length <= 4) return area + rest;
  if (d.length <= 10) return `${area}${rest.slice(0, 4)}-${rest.slice(4)}`;
  return `${area}${rest.slice(0, 5)}-${rest.slice(5)}`;
}

export function isValidPhone(value: string): boolean {
  const d = normalizePhone(value);
  if (!/^[1-9]{2}/.test(d)) return false;
  if (d.length === 11) return d[2] === '9';
  if (d.length === 10) return /[2-5]/.test(d[2]);
  return false;
}

/** "(11) 91234-5678" → "+5511912345678", as the API stores phones. */
export function toE164Phone(value: string): string {
  return `+55${normalizePhone(value)}`;
}

/**
 * Any stored number as people read it, the same everywhere (inbox, CRM):
 * Brazilian numbers in E.164 or bare digits → "(11) 98765-4321" /
 * "(11) 3456-7890"; foreign numbers stay in international form; anything
 * that is not a number (an e-mail, a name) is returned as given. Twilio's
 * "whatsapp:" prefix is dropped.
 */
export function displayPhone(value: string): string {
  const text = value.trim().replace(/^whatsapp:/i, '').trim();
  if (!/^\+?[\d\s().-]+$/.test(text)) return value;
  const digits = text.replace(/\D/g, '');
  let national: string | null = null;
  if (text.startsWith('+')) {
    if (digits.startsWith('55')) national = digits.slice(2);
  } else if (digits.length === 10 || digits.length === 11) {
    national = digits;
  } else if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) {
    national = digits.slice(2);
  }
  if (national && (national.length === 10 || national.length === 11) && /^[1-9]{2}/.test(national)) {
    return formatPhone(national);
  }
  return text;
}
