import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { useRealtimeSocket, type TicketAssignedEvent, type TicketMentionedEvent } from '@/lib/realtime';

import { notificationsActive } from '../hooks/notification-settings';
import { isOwnAssignment } from '../utils/own-actions';

/**
 * Shows a desktop notification when a ticket is assigned to this agent or a
 * note mentions them (when turned on in the inbox). Clicking it brings the
 * tab forward on the ticket. Renders nothing; mounted once in the app shell.
 */
export function DesktopNotifications() {
  const socket = useRealtimeSocket();
  const { user } = useMe();
  const navigate = useNavigate();

  useEffect(() => {
    if (!socket) return;
    const show = (title: string, body: string, ticketId: string, tag: string) => {
      if (!notificationsActive()) return;
      try {
        const notification = new Notification(title, { body, tag, lang: 'pt-BR' });
        notification.onclick = () => {
          window.focus();
          navigate(paths.app.support.ticket.getHref(ticketId));
          notification.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker: nothing to show then.
      }
    };
    const onAssigned = (event: TicketAssignedEvent) => {
      if (event.assignee_id !== user.id || isOwnAssignment(event.ticket_id)) return;
      show(`Ticket #${event.number} atribuído a você`, 'Abra a caixa de entrada para responder.', event.ticket_id, `assigned:${event.ticket_id}`);
    };
    const onMention = (event: TicketMentionedEvent) => {
      if (!event.user_ids.includes(user.id)) return;
      const where = event.number ? `no ticket #${event.number}` : 'em um ticket';
      show(`${event.by} mencionou você ${where}`, event.preview, event.ticket_id, `mention:${event.ticket_id}:${event.preview.slice(0, 20)}`);
    };
    socket.on('TicketAssigned', onAssigned);
    socket.on('TicketMentioned', onMention);
    return () => {
      socket.off('TicketAssigned', onAssigned);
      socket.off('TicketMention', onMention);
    };
  }, [socket, user.id, navigate]);

  return null;
}
