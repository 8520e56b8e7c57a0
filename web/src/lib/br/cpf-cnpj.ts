// One box for "CPF ou CNPJ": 11 digits are a CPF, anything longer (or with
// letters, the alphanumeric CNPJ) is a CNPJ, as the server decides.
import { formatCnpj, isValidCnpj, normalizeCnpj } from './cnpj';
import { formatCpf, isValidCpf } from './cpf';

/** Uppercase letters and digits only (what the API stores). */
export const normalizeCpfOrCnpj = (value: string) => normalizeCnpj(value).slice(0, 14);

const looksLikeCpf = (normalized: string) => /^\d{0,11}$/.test(normalized);

/** Mask while typing: "52998224725" → "529.982.247-25"; a 12th character switches to the CNPJ mask. */
export function formatCpfOrCnpj(value: string): string {
  const normalized = normalizeCpfOrCnpj(value);
  return looksLikeCpf(normalized) ? formatCpf(normalized) : formatCnpj(normalized);
}

export function isValidCpfOrCnpj(value: string): boolean {
  const normalized = normalizeCpfOrCnpj(value);
  if (/[^0-9A-Za-z.\-/\s]/.test(value.trim())) return false;
  return /^\d{11}$/.test(normalized) ? isValidCpf(normalized) : isValidCnpj(normalized);
}
