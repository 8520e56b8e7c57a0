import type { InvoiceStatus, PaymentMethod, PaymentStatus, SubscriptionStatus } from '@/lib/api/models';

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Rascunho',
  open: 'Em aberto',
  partially_paid: 'Parcialmente paga',
  paid: 'Paga',
  overdue: 'Vencida',
  cancelled: 'Cancelada',
  refunded: 'Estornada',
};

export const INVOICE_STATUS_STYLES: Record<InvoiceStatus, string> = {
  draft: 'bg-slate-200 text-slate-700',
  open: 'bg-sky-100 text-sky-800',
  partially_paid: 'bg-indigo-100 text-indigo-800',
  paid: 'bg-emerald-100 text-emerald-800',
  overdue: 'bg-red-100 text-red-800',
  cancelled: 'bg-slate-100 text-slate-600',
  refunded: 'bg-amber-100 text-amber-900',
};

/** In the order of the filter chips. */
export const INVOICE_STATUSES = ['draft', 'open', 'partially_paid', 'overdue', 'paid', 'cancelled', 'refunded'] as const satisfies readonly InvoiceStatus[];

/** Money can still be received against it. */
export const isReceivable = (status: InvoiceStatus) => status === 'open' || status === 'partially_paid' || status === 'overdue';

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  pix: 'PIX',
  transfer: 'Transferência',
  cash: 'Dinheiro',
  boleto: 'Boleto',
  card: 'Cartão',
  credit: 'Crédito do cliente',
  other: 'Outro',
};

/** What a person registers by hand (credit is applied with "Usar crédito do cliente"). */
export const MANUAL_PAYMENT_METHODS = ['pix', 'transfer', 'cash', 'boleto', 'card', 'other'] as const satisfies readonly PaymentMethod[];

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  confirmed: 'Confirmado',
  review: 'A conferir',
  rejected: 'Rejeitado',
};

export const PAYMENT_STATUS_STYLES: Record<PaymentStatus, string> = {
  confirmed: 'bg-emerald-100 text-emerald-800',
  review: 'bg-amber-100 text-amber-900',
  rejected: 'bg-red-100 text-red-800',
};

export const PAYMENT_STATUSES = ['confirmed', 'review', 'rejected'] as const satisfies readonly PaymentStatus[];

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  active: 'Ativa',
  paused: 'Pausada',
  cancelled: 'Cancelada',
  ended: 'Encerrada',
};

export const SUBSCRIPTION_STATUS_STYLES: Record<SubscriptionStatus, string> = {
  active: 'bg-emerald-100 text-emerald-800',
  paused: 'bg-amber-100 text-amber-900',
  cancelled: 'bg-red-100 text-red-800',
  ended: 'bg-slate-100 text-slate-600',
};

export const SUBSCRIPTION_STATUSES = ['active', 'paused', 'cancelled', 'ended'] as const satisfies readonly SubscriptionStatus[];

export const INTERVALS = [1, 3, 12] as const;

export const INTERVAL_LABELS: Record<number, string> = { 1: 'Mensal', 3: 'Trimestral', 12: 'Anual' };

/** What follows an amount per period: "R$ 199,90/mês". */
export const intervalSuffix = (months: number) => (months === 1 ? '/mês' : months === 3 ? '/trimestre' : months === 12 ? '/ano' : `/${months} meses`);

export const PROVIDER_LABELS: Record<string, string> = { stripe: 'Stripe', asaas: 'Asaas' };
