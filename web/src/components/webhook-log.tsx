import { useState } from 'react';

import { LogTable, StatusPill } from '@/components/log-table';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { InboxStatus } from '@/lib/api/models';
import { formatDateTime } from '@/lib/format';
import { useInbox, useReplayInboxEvent } from '@/lib/inbox';
import { problemMessage } from '@/lib/problem';

const STATUS_LABELS: Record<InboxStatus, string> = {
  received: 'Na fila',
  processed: 'Processado',
  ignored: 'Ignorado',
  failed: 'Falhou',
};

const STATUS_STYLES: Record<InboxStatus, string> = {
  received: 'bg-sky-100 text-sky-800',
  processed: 'bg-emerald-100 text-emerald-800',
  ignored: 'bg-slate-200 text-slate-700',
  failed: 'bg-red-100 text-red-800',
};

export function InboxStatusBadge({ status }: { status: InboxStatus }) {
  return <StatusPill className={STATUS_STYLES[status]}>{STATUS_LABELS[status]}</StatusPill>;
}

type WebhookLogProps = {
  /** Whose log: `channel:<id>` or `gateway:<id>`. */
  source: string;
  title: string;
  /** What the table is, for screen readers. */
  caption: string;
};

/** What reached a source's webhook and what became of it; failed or ignored events can be processed again. */
export function WebhookLog({ source, title, caption }: WebhookLogProps) {
  const events = useInbox(source);
  const replay = useReplayInboxEvent(source);
  const [done, setDone] = useState<string | null>(null);

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-slate-900">{title}</h4>
        <Button variant="ghost" size="sm" onClick={() => events.refetch()} isLoading={events.isFetching && !events.isPending}>
          Atualizar
        </Button>
      </div>
      <div aria-live="polite">{done && <Alert tone="success">{done}</Alert>}</div>
      <div aria-live="assertive">{replay.isError && <Alert title="Não foi possível reprocessar">{problemMessage(replay.error)}</Alert>}</div>
      <LogTable
        log={events}
        caption={caption}
        columns={['Recebido em', 'Evento', 'Situação', 'Ações']}
        minWidth="min-w-[40rem]"
        loadingLabel="Carregando eventos…"
        errorTitle="Não foi possível carregar os eventos"
        empty="Nenhum evento recebido ainda. Confira se a URL do webhook está cadastrada no provedor."
        row={(event) => (
          <tr key={event.id} className="align-top">
            <td className="px-3 py-2 whitespace-nowrap text-slate-700">
              <time dateTime={event.received_at}>{formatDateTime(event.received_at)}</time>
            </td>
            <td className="px-3 py-2">
              {event.kind && <p className="font-mono text-xs text-slate-900">{event.kind}</p>}
              <p className="max-w-56 truncate font-mono text-xs text-slate-500" title={event.event_id}>
                {event.event_id}
              </p>
            </td>
            <td className="px-3 py-2">
              <InboxStatusBadge status={event.status} />
              {event.error && <p className="mt-1 max-w-72 text-xs break-words text-slate-600">{event.error}</p>}
              {event.processed_at && (
                <p className="mt-0.5 text-xs text-slate-500">
                  Processado em {formatDateTime(event.processed_at)}
                  {event.attempts > 1 && ` (${event.attempts} vezes)`}
                </p>
              )}
            </td>
            <td className="px-3 py-2 text-right">
              {(event.status === 'failed' || event.status === 'ignored') && (
                <Button
                  size="sm"
                  variant="secondary"
                  isLoading={replay.isPending && replay.variables === event.id}
                  onClick={() => {
                    setDone(null);
                    replay.mutate(event.id, { onSuccess: () => setDone('Evento enviado para reprocessamento.') });
                  }}
                >
                  Reprocessar
                </Button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
