import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { notificationsActive } from '@/lib/desktop-notifications';
import { useRealtimeSocket, type NotificationPushedEvent } from '@/lib/realtime';

import { notificationHref } from '../utils/labels';

/**
 * Shows a desktop alert for a notification the person asked to get on the
 * desktop (their preferences; the server says so in `desktop`), when this
 * browser allows it. Clicking it brings the tab forward on its page.
 * Renders nothing; mounted once in the app shell.
 */
export function DesktopNotifications() {
  const socket = useRealtimeSocket();
  const navigate = useNavigate();

  useEffect(() => {
    if (!socket) return;
    const onNotification = (event: NotificationPushedEvent) => {
      if (!event.desktop || !notificationsActive()) return;
      try {
        const alert = new Notification(event.title, { body: event.body, tag: event.id ?? `${event.kind}:${event.subject_id}`, lang: 'pt-BR' });
        alert.onclick = () => {
          window.focus();
          const href = notificationHref(event);
          if (href) navigate(href);
          alert.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker: nothing to show then.
      }
    };
    socket.on('notification', onNotification);
    return () => {
      socket.off('notification', onNotification);
    };
  }, [socket, navigate]);

  return null;
}
