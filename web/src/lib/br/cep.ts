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

type AddressValues = { cep: string; street: string; number: string; complement: string; district: string; city: string; state: string };

/**
 * Whether the person started an address: any field but the CEP. A CEP alone
 * (typed to look the address up, then left) does not make the other
 * fields mandatory, and is not saved.
 */
export function addressStarted(a: AddressValues): boolean {
  return Object.entries(a).some(([key, value]) => key !== 'cep' && value.trim() !== '');
}
