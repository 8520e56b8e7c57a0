// CEP: 8 digits, shown as 00000-000, sent as digits.

export function normalizeCep(value: string): string {
  return value.replace(/\D/g, '').slice(0, 8);
}

export function formatCep(value: string): string {
  const digits = normalizeCep(value);
  return digits.length > 5 ? `${digits.slice(0, 5)}-${digits.slice(5)}` : digits;
}

export function isValidCep(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  return digits.length === 8 && digits !== '00000000';
}
