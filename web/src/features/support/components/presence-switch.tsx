import { useEffect, useId } from 'react';

import type { Presence } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { emitRealtime, useRealtimeSocket } from '@/lib/realtime';

import { setPresence } from '../api/teams';
import { usePresence } from '../hooks/use-presence';

import { PRESENCE_DOT, PRESENCE_LABELS } from './labels';

const OPTIONS: Presence[] = ['online', 'away', 'offline'];

/**
 * The agent's availability for automatic distribution: announced on every
 * (re)connection of the socket, and changed here. Routing only picks agents
 * who are online.
 */
export function PresenceSwitch() {
  const id = useId();
  const socket = useRealtimeSocket();
  const status = usePresence((state) => state.status);
  const setStatus = usePresence((state) => state.setStatus);

  useEffect(() => {
    if (!socket) return;
    const announce = () => socket.emit('presence', { status: usePresence.getState().status });
    socket.on('connect', announce);
    if (socket.connected) announce();
    return () => {
      socket.off('connect', announce);
    };
  }, [socket]);

  const change = (next: Presence) => {
    setStatus(next);
    // Over the socket when connected; otherwise over HTTP (the next connection announces it too).
    if (!emitRealtime('presence', { status: next })) void setPresence(next).catch(() => undefined);
  };

  return (
    <div className="flex items-center gap-2">
      <span aria-hidden="true" className={cn('size-2.5 rounded-full', PRESENCE_DOT[status])} />
      <label htmlFor={id} className="sr-only">
        Sua disponibilidade no atendimento
      </label>
      <select
        id={id}
        value={status}
        onChange={(event) => change(event.target.value as Presence)}
        className="h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800"
        title="Sua disponibilidade para receber tickets"
      >
        {OPTIONS.map((option) => (
          <option key={option} value={option}>
            {PRESENCE_LABELS[option]}
          </option>
        ))}
      </select>
    </div>
  );
}
