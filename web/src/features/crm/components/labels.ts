import type { ContractStatus, CustomerKind, CustomerStatus, FieldType, ProposalStatus, StageKind } from '@/lib/api/models';
import { formatCnpj } from '@/lib/br/cnpj';
import { formatCpf } from '@/lib/br/cpf';

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

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Rascunho',
  sent: 'Enviada',
  viewed: 'Visualizada',
  accepted: 'Aceita',
  rejected: 'Recusada',
  expired: 'Expirada',
};

export const PROPOSAL_STATUS_STYLES: Record<ProposalStatus, string> = {
  draft: 'bg-slate-200 text-slate-700',
  sent: 'bg-sky-100 text-sky-800',
  viewed: 'bg-indigo-100 text-indigo-800',
  accepted: 'bg-emerald-100 text-emerald-800',
  rejected: 'bg-red-100 text-red-800',
  expired: 'bg-amber-100 text-amber-900',
};

export const PROPOSAL_STATUSES = ['draft', 'sent', 'viewed', 'accepted', 'rejected', 'expired'] as const satisfies readonly ProposalStatus[];

/** Accepted, rejected and expired proposals no longer change. */
export const isFinalProposal = (status: ProposalStatus) => status === 'accepted' || status === 'rejected' || status === 'expired';

export const CONTRACT_STATUS_LABELS: Record<ContractStatus, string> = {
  draft: 'Rascunho',
  active: 'Ativo',
  suspended: 'Suspenso',
  cancelled: 'Cancelado',
  ended: 'Encerrado',
};

export const CONTRACT_STATUS_STYLES: Record<ContractStatus, string> = {
  draft: 'bg-slate-200 text-slate-700',
  active: 'bg-emerald-100 text-emerald-800',
  suspended: 'bg-amber-100 text-amber-900',
  cancelled: 'bg-red-100 text-red-800',
  ended: 'bg-slate-100 text-slate-600',
};

export const CONTRACT_STATUSES = ['draft', 'active', 'suspended', 'cancelled', 'ended'] as const satisfies readonly ContractStatus[];

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

/** "2026-03-01" → "01/03/2026" (a calendar date: no time zone shift). */
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-');
  return day && month && year ? `${day}/${month}/${year}` : date;
}
