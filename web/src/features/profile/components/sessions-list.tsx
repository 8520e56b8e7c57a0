import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Spinner } from '@/components/ui/spinner';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

import { useEndOtherSessions, useEndSession, useSessions, type LoginSession } from '../api/sessions';
import { formatAgo, formatStamp, sessionLabel } from '../utils/session-label';

import { ProfileSection } from './profile-section';

function SessionRow({ session, now }: { session: LoginSession; now: Date }) {
  const end = useEndSession();
  const label = sessionLabel(session.user_agent);
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
          <span className="break-words">{label}</span>
          {session.current && (
            <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Este dispositivo</span>
          )}
        </p>
        <p className="mt-0.5 text-xs text-slate-600">
          {session.ip && (
            <>
              <span className="break-all">IP {session.ip}</span>
              {' · '}
            </>
          )}
          Desde {formatStamp(session.started_at)}
          {' · '}
          Último uso {formatAgo(session.last_seen_at, now)}
        </p>
        {end.isError && (
          <p role="alert" className="mt-1 text-xs font-medium text-red-700">
            {problemMessage(end.error)}
          </p>
        )}
      </div>
      {!session.current && (
        <Button
          size="sm"
          variant="secondary"
          className="self-start sm:self-center"
          aria-label={`Encerrar ${label}`}
          isLoading={end.isPending}
          onClick={() => end.mutate(session.id)}
        >
          Encerrar
        </Button>
      )}
    </li>
  );
}

/** "Sessões ativas": where the person is signed in; ends one, or all but this one. */
export function SessionsList() {
  const sessions = useSessions();
  const endOthers = useEndOtherSessions();
  const [confirming, setConfirming] = useState(false);
  const [ended, setEnded] = useState<number | null>(null);
  // "Último uso há…" is read against the moment the list arrived.
  const now = new Date(sessions.dataUpdatedAt);

  const items = sessions.data?.items ?? [];
  const others = items.filter((session) => !session.current).length;

  return (
    <ProfileSection title="Sessões ativas" description="Onde a sua conta está conectada agora.">
      {sessions.isPending ? (
        <Spinner label="Carregando sessões…" />
      ) : sessions.isError ? (
        <Alert title="Não foi possível carregar as sessões">{problemMessage(sessions.error)}</Alert>
      ) : (
        <div className="space-y-4">
          <ul aria-label="Sessões ativas" className="divide-y divide-slate-100">
            {items.map((session) => (
              <SessionRow key={session.id} session={session} now={now} />
            ))}
          </ul>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
            <div aria-live="polite" className="text-sm">
              {ended !== null && (
                <Alert tone="success">{plural(ended, 'sessão encerrada', 'sessões encerradas')}.</Alert>
              )}
              {ended === null && others === 0 && <p className="text-slate-600">Nenhum outro dispositivo conectado.</p>}
            </div>
            <Button variant="secondary" disabled={others === 0} onClick={() => setConfirming(true)} className="shrink-0">
              Sair de todos os outros dispositivos
            </Button>
          </div>
          {endOthers.isError && <Alert>{problemMessage(endOthers.error)}</Alert>}
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title="Sair de todos os outros dispositivos?"
        confirmLabel="Sair dos outros"
        tone="danger"
        isLoading={endOthers.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          endOthers.mutate(undefined, {
            onSuccess: (result) => setEnded(result.ended),
            onSettled: () => setConfirming(false),
          })
        }
      >
        {plural(others, 'outra sessão será encerrada', 'outras sessões serão encerradas')}. Quem estiver usando a sua conta nesses
        dispositivos precisará entrar de novo. Este dispositivo continua conectado.
      </ConfirmDialog>
    </ProfileSection>
  );
}
