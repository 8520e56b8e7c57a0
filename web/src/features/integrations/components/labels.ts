import type { WebhookDeliveryStatus } from '@/lib/api/models';

export const DELIVERY_STATUS_LABELS: Record<WebhookDeliveryStatus, string> = {
  pending: 'Aguardando nova tentativa',
  succeeded: 'Entregue',
  failed: 'Falhou',
};

export const DELIVERY_STATUS_STYLES: Record<WebhookDeliveryStatus, string> = {
  pending: 'bg-sky-100 text-sky-800',
  succeeded: 'bg-emerald-100 text-emerald-800',
  failed: 'bg-red-100 text-red-800',
};
