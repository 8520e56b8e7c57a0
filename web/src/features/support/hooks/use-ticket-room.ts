import { useCallback, useEffect, useRef, useState } from 'react';

import { useMe } from '@/lib/auth';
import { joinRealtimeRoom, useRealtimeSocket, type LeftEvent, type TypingEvent, type ViewingEvent } from '@/lib/realtime';

const HEARTBEAT_MS = 45_000;
/** A viewer not heard from in this long is gone (a closed tab sends no "left"). */
const VIEWER_TTL_MS = 120_000;
const TYPING_TTL_MS = 6_000;
const TYPING_THROTTLE_MS = 2_000;

export type Presence = { userId: string; name: string; at: number };

/**
 * The ticket's Socket.IO room: who else has it open ("viewing" / "left"),
 * who is typing, and `sendTyping` (throttled) for this agent. Mount it
 * under a component keyed by the ticket, so another ticket starts empty.
 *
 * The server tells the people already in the room when someone joins, not
 * the newcomer who is there: on hearing of a new viewer this tab joins again
 * once, so the newcomer hears of it too; a heartbeat keeps viewers fresh.
 */
export function useTicketRoom(ticketId: string) {
  const socket = useRealtimeSocket();
  const { user } = useMe();
  const [viewers, setViewers] = useState<Presence[]>([]);
  const [typers, setTypers] = useState<Presence[]>([]);
  const lastTyping = useRef(0);
  const [joined, setJoined] = useState(false);

  useEffect(() => {
    if (!socket) return;
    const room = `ticket:${ticketId}`;
    let active = true;
    // Viewers this tab has answered with its own "join" (see above).
    const announced = new Set<string>();
    const join = () => {
      void joinRealtimeRoom(socket, room).then((ok) => {
        if (active) setJoined(ok);
      });
    };
    const onViewing = (event: ViewingEvent) => {
      if (event.room !== room || event.user_id === user.id) return;
      const at = Date.now();
      if (!announced.has(event.user_id)) {
        // Tell the newcomer that this agent is here too (once: it knows us after that).
        announced.add(event.user_id);
        join();
      }
      setViewers((current) => [...current.filter((viewer) => viewer.userId !== event.user_id), { userId: event.user_id, name: event.name, at }]);
    };
    const onLeft = (event: LeftEvent) => {
      if (event.room !== room) return;
      announced.delete(event.user_id);
      setViewers((current) => current.filter((viewer) => viewer.userId !== event.user_id));
      setTypers((current) => current.filter((typer) => typer.userId !== event.user_id));
    };
    const onTyping = (event: TypingEvent) => {
      if (event.ticket_id !== ticketId || event.user_id === user.id) return;
      const at = Date.now();
      setTypers((current) => [...current.filter((typer) => typer.userId !== event.user_id), { userId: event.user_id, name: event.name, at }]);
      // Typing means viewing, too.
      setViewers((current) =>
        current.some((viewer) => viewer.userId === event.user_id)
          ? current.map((viewer) => (viewer.userId === event.user_id ? { ...viewer, at } : viewer))
          : [...current, { userId: event.user_id, name: event.name, at }],
      );
    };
    socket.on('viewing', onViewing);
    socket.on('left', onLeft);
    socket.on('typing', onTyping);
    // A reconnection starts with no rooms: join again.
    socket.on('connect', join);
    if (socket.connected) join();
    const heartbeat = setInterval(() => {
      if (socket.connected) join();
    }, HEARTBEAT_MS);
    const sweep = setInterval(() => {
      const now = Date.now();
      setViewers((current) => (current.some((viewer) => now - viewer.at > VIEWER_TTL_MS) ? current.filter((viewer) => now - viewer.at <= VIEWER_TTL_MS) : current));
      setTypers((current) => (current.some((typer) => now - typer.at > TYPING_TTL_MS) ? current.filter((typer) => now - typer.at <= TYPING_TTL_MS) : current));
    }, 1_000);
    return () => {
      active = false;
      clearInterval(heartbeat);
      clearInterval(sweep);
      socket.off('viewing', onViewing);
      socket.off('left', onLeft);
      socket.off('typing', onTyping);
      socket.off('connect', join);
      if (socket.connected) socket.emit('leave', { room });
    };
  }, [socket, ticketId, user.id]);

  const sendTyping = useCallback(() => {
    const now = Date.now();
    if (!socket?.connected || now - lastTyping.current < TYPING_THROTTLE_MS) return;
    lastTyping.current = now;
    socket.emit('typing', { ticket_id: ticketId });
  }, [socket, ticketId]);

  return { viewers, typers, joined, sendTyping };
}
