import type { Billing, CustomerKind, CustomerStatus, FieldType, StageKind } from '@/lib/api/models';
import { formatCnpj } from '@/lib/br/cnpj';
import { formatCpf } from '@/lib/br/cpf';
import { formatPhone } from '@/lib/br/phone';

export const CUSTOMER_STATUS_LABELS: Record<CustomerStatus, string> = {
  lead: 'Lead',
  active: 'Ativo',
  inactive: 'Inativo',
};

export const CUSTOMER_STATUS_STYLES: Record<CustomerStatus, string> = {
  lead: 'bg-sky-100 text-sky-800',
  active: 'bg-emerald-100 text-emerald-800',
  inactive: 'bg-slate-200 text-slate-700',
};

export const CUSTOMER_KIND_LABELS: Record<CustomerKind, string> = {
  person: 'Pessoa física',
  company: 'Pessoa jurídica',
};

export const STAGE_KIND_LABELS: Record<StageKind, string> = {
  open: 'Em aberto',
  won: 'Ganho',
  lost: 'Perdido',
};

export const BILLING_LABELS: Record<Billing, string> = {
  one_time: 'Avulso',
  monthly: 'Mensal',
  quarterly: 'Trimestral',
  yearly: 'Anual',
};

export const FIELD_TYPE_LABELS: Record<FieldType, string> = {
  text: 'Texto',
  number: 'Número',
  date: 'Data',
  select: 'Lista (uma opção)',
  multiselect: 'Lista (várias opções)',
};

/** CPF or CNPJ as people read it. */
export function formatDocument(kind: CustomerKind, document: string | null | undefined): string {
  if (!document) return '';
  return kind === 'person' ? formatCpf(document) : formatCnpj(document);
}

/** "+5511987654321" → "(11) 98765-4321"; other countries as stored. */
export function displayPhone(phone: string): string {
  return phone.startsWith('+55') ? formatPhone(phone) : phone;
}

/** "2026-03-01" → "01/03/2026" (a calendar date: no time zone shift). */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-');
  return day && month && year ? `${day}/${month}/${year}` : date;
}
