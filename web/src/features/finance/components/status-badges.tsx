import type { InvoiceStatus, PaymentStatus, SubscriptionStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';

import {
  INVOICE_STATUS_LABELS,
  INVOICE_STATUS_STYLES,
  PAYMENT_STATUS_LABELS,
  PAYMENT_STATUS_STYLES,
  SUBSCRIPTION_STATUS_LABELS,
  SUBSCRIPTION_STATUS_STYLES,
} from './labels';

const badge = 'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap';

export function InvoiceStatusBadge({ status, className }: { status: InvoiceStatus; className?: string }) {
  return <span className={cn(badge, INVOICE_STATUS_STYLES[status], className)}>{INVOICE_STATUS_LABELS[status]}</span>;
}

export function PaymentStatusBadge({ status, className }: { status: PaymentStatus; className?: string }) {
  return <span className={cn(badge, PAYMENT_STATUS_STYLES[status], className)}>{PAYMENT_STATUS_LABELS[status]}</span>;
}

export function SubscriptionStatusBadge({ status, className }: { status: SubscriptionStatus; className?: string }) {
  return <span className={cn(badge, SUBSCRIPTION_STATUS_STYLES[status], className)}>{SUBSCRIPTION_STATUS_LABELS[status]}</span>;
}
