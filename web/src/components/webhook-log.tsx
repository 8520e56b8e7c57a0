import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import type { InboxStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';
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
  return (
    <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap', STATUS_STYLES[status])}>
      {STATUS_LABELS[status]}
    </span>
  );
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
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

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
      {events.isPending ? (
        <PageSpinner label="Carregando eventos…" />
      ) : events.isError ? (
        <Alert title="Não foi possível carregar os eventos">{problemMessage(events.error)}</Alert>
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhum evento recebido ainda. Confira se a URL do webhook está cadastrada no provedor.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Recebido em
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Evento
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  <span className="sr-only">Ações</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((event) => (
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
              ))}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <div className="text-center">
          <Button variant="secondary" size="sm" onClick={() => events.fetchNextPage()} isLoading={events.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </div>
  );
}
