// CPF: 11 digits, the last two check digits (mod 11), shown as 529.982.247-25
// and sent as digits. The server validates the same way; this copy answers
// while the person types.

export function normalizeCpf(value: string): string {
  return value.replace(/\D/g, '').slice(0, 11);
}

function checkDigit(digits: string, length: number): number {
  let sum = 0;
  for (let i = 0; i < length; i += 1) sum += Number(digits[i]) * (length + 1 - i);
  const remainder = (sum * 10) % 11;
  return remainder === 10 ? 0 : remainder;
}

export function isValidCpf(value: string): boolean {
  const raw = value.trim();
  if (/[^\d.\-\s]/.test(raw)) return false;
  const cpf = raw.replace(/\D/g, '');
  if (cpf.length !== 11) return false;
  if (/^(\d)\1{10}$/.test(cpf)) return false; // 111.111.111-11 and friends pass the arithmetic
  return checkDigit(cpf, 9) === Number(cpf[9]) && checkDigit(cpf, 10) === Number(cpf[10]);
}

/** Mask for typing: "52998224725" → "529.982.247-25"; partial input is masked as far as it goes. */
export function formatCpf(value: string): string {
  const d = normalizeCpf(value);
  let out = d.slice(0, 3);
  if (d.length > 3) out += `.${d.slice(3, 6)}`;
  if (d.length > 6) out += `.${d.slice(6, 9)}`;
  if (d.length > 9) out += `-${d.slice(9, 11)}`;
  return out;
}
