import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useChannelEvents, useReplayChannelEvent } from '../api/channels';

import { EventStatusBadge } from './badges';

/** What reached the channel's webhook and what became of it; failed or ignored events can be processed again. */
export function ChannelEvents({ channelId }: { channelId: string }) {
  const events = useChannelEvents(channelId);
  const replay = useReplayChannelEvent(channelId);
  const [done, setDone] = useState<string | null>(null);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-sm font-semibold text-slate-900">Eventos recebidos</h4>
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
        <p className="text-sm text-slate-600">Nenhum evento recebido ainda. Confira se a URL está cadastrada no provedor.</p>
      ) : (
        <div className="relative overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Eventos recebidos pelo canal</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Recebido em
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Identificação
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
                    <p className="max-w-56 truncate font-mono text-xs text-slate-700" title={event.dedupe_key}>
                      {event.dedupe_key}
                    </p>
                  </td>
                  <td className="px-3 py-2">
                    <EventStatusBadge status={event.status} />
                    {event.error && <p className="mt-1 max-w-72 text-xs break-words text-slate-600">{event.error}</p>}
                    {event.processed_at && <p className="mt-0.5 text-xs text-slate-500">Processado em {formatDateTime(event.processed_at)}</p>}
                  </td>
                  <td className="px-3 py-2 text-right">
                    {(event.status === 'failed' || event.status === 'ignored') && (
                      <Button
                        size="sm"
                        variant="secondary"
                        isLoading={replay.isPending && replay.variables?.eventId === event.id}
                        onClick={() => {
                          setDone(null);
                          replay.mutate({ channelId, eventId: event.id }, { onSuccess: () => setDone('Evento enviado para reprocessamento.') });
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
