import { useEffect, useMemo, useRef, useState } from 'react';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextAreaField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import type { TimelineEntry } from '@/lib/api/models';
import { useAllUsers } from '@/lib/api/users';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useAddNote } from '../api/add-note';
import { useTimeline } from '../api/get-timeline';

/** A coloured dot per kind of entry (the text says what happened). */
function entryTone(kind: string) {
  if (kind === 'note') return 'bg-amber-400';
  if (kind.startsWith('opportunity.')) return 'bg-indigo-500';
  if (kind.startsWith('customer.')) return 'bg-emerald-500';
  return 'bg-slate-400';
}

function NoteForm({ customerId }: { customerId: string }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const add = useAddNote(customerId);
  return (
    <form
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        const note = text.trim();
        if (!note) {
          setError('Escreva a nota.');
          return;
        }
        setError(null);
        add.mutate(note, { onSuccess: () => setText('') });
      }}
    >
      <TextAreaField
        label="Nova nota"
        rows={2}
        maxLength={5000}
        placeholder="Ligação, combinado, observação…"
        value={text}
        error={error ?? undefined}
        onChange={(event) => setText(event.target.value)}
      />
      <FormErrors message={add.error ? problemMessage(add.error) : null} />
      <div className="flex justify-end">
        <Button type="submit" size="sm" isLoading={add.isPending}>
          Adicionar nota
        </Button>
      </div>
    </form>
  );
}

/** Everything that happened to the customer, newest first; more loads as the list scrolls into view. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const timeline = useTimeline(customerId);
  const users = useAllUsers();
  const names = useMemo(() => new Map((users.data ?? []).map((user) => [user.id, user.name])), [users.data]);
  const entries: TimelineEntry[] = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((seen) => {
      if (seen.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <section aria-labelledby="timeline-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="timeline-title" className="mb-4 text-base font-semibold text-slate-900">
        Histórico
      </h2>
      <NoteForm customerId={customerId} />
      <div className="mt-6">
        {timeline.isPending ? (
          <PageSpinner label="Carregando histórico…" />
        ) : timeline.isError ? (
          <Alert title="Não foi possível carregar o histórico">{problemMessage(timeline.error)}</Alert>
        ) : entries.length === 0 ? (
          <p className="text-sm text-slate-600">Nada registrado ainda.</p>
        ) : (
          <ol aria-label="Histórico do cliente" className="space-y-4 border-l border-slate-200 pl-4">
            {entries.map((entry) => (
              <li key={entry.id} className="relative">
                <span aria-hidden="true" className={cn('absolute top-1.5 -left-[1.3rem] size-2.5 rounded-full ring-2 ring-white', entryTone(entry.kind))} />
                <p className={entry.kind === 'note' ? 'text-sm whitespace-pre-wrap text-slate-900' : 'text-sm text-slate-800'}>
                  {entry.summary}
                </p>
                <p className="mt-0.5 text-xs text-slate-500">
                  <time dateTime={entry.occurred_at}>{formatDateTime(entry.occurred_at)}</time>
                  {entry.actor_id && names.get(entry.actor_id) && ` · ${names.get(entry.actor_id)}`}
                </p>
              </li>
            ))}
          </ol>
        )}
        <div ref={sentinel} />
        {timeline.hasNextPage && (
          <div className="mt-4 text-center">
            <Button variant="secondary" size="sm" onClick={() => timeline.fetchNextPage()} isLoading={timeline.isFetchingNextPage}>
              Carregar mais
            </Button>
          </div>
        )}
      </div>
    </section>
  );
}
