import { useState } from 'react';

import { LogTable, StatusPill } from '@/components/log-table';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/fields';
import type { EventKind, WebhookDelivery, WebhookDeliveryStatus } from '@/lib/api/models';
import { EVENT_LABELS } from '@/lib/event-labels';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useDeliveries, useReplayDelivery } from '../api/webhooks';

import { DELIVERY_STATUS_LABELS, DELIVERY_STATUS_STYLES } from './labels';

export function DeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return <StatusPill className={DELIVERY_STATUS_STYLES[status]}>{DELIVERY_STATUS_LABELS[status]}</StatusPill>;
}

const kindLabel = (kind: string) => (kind === 'ping' ? 'Teste (ping)' : (EVENT_LABELS[kind as EventKind] ?? kind));

function DeliveryRow({ delivery, endpointId, enabled }: { delivery: WebhookDelivery; endpointId: string; enabled: boolean }) {
  const replay = useReplayDelivery();
  return (
    <tr className="align-top">
      <td className="px-3 py-2 whitespace-nowrap text-slate-700">
        <time dateTime={delivery.created_at}>{formatDateTime(delivery.created_at)}</time>
      </td>
      <td className="px-3 py-2">
        <p className="text-slate-900">{kindLabel(delivery.event_kind)}</p>
        <p className="max-w-56 truncate font-mono text-xs text-slate-500" title={delivery.id}>
          {delivery.id}
        </p>
      </td>
      <td className="px-3 py-2">
        <DeliveryStatusBadge status={delivery.status} />
        {delivery.error && <p className="mt-1 max-w-72 text-xs break-words text-slate-600">{delivery.error}</p>}
        {delivery.status === 'pending' && delivery.next_attempt_at && delivery.attempts > 0 && (
          <p className="mt-0.5 text-xs text-slate-500">Nova tentativa em {formatDateTime(delivery.next_attempt_at)}</p>
        )}
        {delivery.delivered_at && <p className="mt-0.5 text-xs text-slate-500">Entregue em {formatDateTime(delivery.delivered_at)}</p>}
        {replay.isError && <p className="mt-1 text-xs font-medium text-red-700">{problemMessage(replay.error)}</p>}
      </td>
      <td className="px-3 py-2 text-slate-700 tabular-nums">{delivery.response_status ?? '—'}</td>
      <td className="px-3 py-2 text-slate-700 tabular-nums">{delivery.attempts}</td>
      <td className="px-3 py-2 text-right">
        {delivery.status !== 'pending' && (
          <Button
            size="sm"
            variant="secondary"
            disabled={!enabled}
            title={enabled ? undefined : 'Reative o endpoint para reenviar'}
            isLoading={replay.isPending}
            onClick={() => replay.mutate({ endpointId, deliveryId: delivery.id })}
          >
            Reenviar
          </Button>
        )}
      </td>
    </tr>
  );
}

/** An endpoint's deliveries: status, response code, attempts; finished ones can be sent again. */
export function DeliveryLog({ endpointId, enabled }: { endpointId: string; enabled: boolean }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | null>(null);
  const deliveries = useDeliveries(endpointId, status);

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <h4 className="text-sm font-semibold text-slate-900">Entregas</h4>
        <div className="flex items-end gap-2">
          <SelectField
            label="Situação"
            value={status ?? ''}
            onChange={(e) => setStatus((e.target.value || null) as WebhookDeliveryStatus | null)}
          >
            <option value="">Todas</option>
            {(Object.keys(DELIVERY_STATUS_LABELS) as WebhookDeliveryStatus[]).map((s) => (
              <option key={s} value={s}>
                {DELIVERY_STATUS_LABELS[s]}
              </option>
            ))}
          </SelectField>
          <Button variant="ghost" size="sm" onClick={() => deliveries.refetch()} isLoading={deliveries.isFetching && !deliveries.isPending}>
            Atualizar
          </Button>
        </div>
      </div>
      <LogTable
        log={deliveries}
        caption="Entregas do webhook"
        columns={['Criada em', 'Evento', 'Situação', 'Resposta', 'Tentativas', 'Ações']}
        minWidth="min-w-[44rem]"
        loadingLabel="Carregando entregas…"
        errorTitle="Não foi possível carregar as entregas"
        empty={`Nenhuma entrega ${status ? 'com esta situação' : 'ainda'}. Use “Enviar teste” para conferir se o seu sistema recebe e valida a assinatura.`}
        row={(delivery) => <DeliveryRow key={delivery.id} delivery={delivery} endpointId={endpointId} enabled={enabled} />}
      />
    </div>
  );
}
