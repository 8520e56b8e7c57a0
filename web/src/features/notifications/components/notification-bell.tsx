import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { BellIcon } from '@/components/ui/bell-icon';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';
import { problemMessage } from '@/lib/problem';

import { useBell, useMarkAllRead, useMarkRead, type Notification } from '../api/notifications';
import { notificationHref, timeAgo } from '../utils/labels';

/** "9+" past nine: the badge stays one character wide enough to read. */
const badge = (n: number) => (n > 9 ? '9+' : String(n));

function Item({ notification, onOpen }: { notification: Notification; onOpen: (n: Notification) => void }) {
  const unread = !notification.read_at;
  return (
    <li>
      <button
        type="button"
        onClick={() => onOpen(notification)}
        className={cn('flex w-full gap-3 px-4 py-3 text-left hover:bg-slate-50 focus:bg-slate-50 focus:outline-none', unread && 'bg-indigo-50/60')}
      >
        <span aria-hidden="true" className={cn('mt-1.5 size-2 shrink-0 rounded-full', unread ? 'bg-indigo-600' : 'bg-transparent')} />
        <span className="min-w-0 flex-1">
          <span className={cn('block text-sm text-slate-900', unread && 'font-semibold')}>{notification.title}</span>
          {notification.body && <span className="mt-0.5 line-clamp-2 block text-sm text-slate-600">{notification.body}</span>}
          <span className="mt-1 block text-xs text-slate-500">
            {timeAgo(notification.created_at)}
            {unread && <span className="sr-only"> · não lida</span>}
          </span>
        </span>
      </button>
    </li>
  );
}

/**
 * The header's bell: the unread count, and on click the newest
 * notifications; opening one marks it read and goes to its page. Live: a
 * push from the server refreshes it (realtime bridge).
 */
export function NotificationBell() {
  const bell = useBell();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const unread = bell.data?.unread ?? 0;
  const items = bell.data?.items ?? [];
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const openItem = (n: Notification) => {
    if (!n.read_at) markRead.mutate(n.id);
    const href = notificationHref(n);
    if (href) {
      setOpen(false);
      navigate(href);
    }
  };

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          close();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread === 0 ? 'Notificações' : `Notificações: ${unread} não ${unread === 1 ? 'lida' : 'lidas'}`}
        onClick={() => setOpen((was) => !was)}
        className="relative inline-flex size-9 items-center justify-center rounded-md text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100"
      >
        <BellIcon className="size-5" />
        {unread > 0 && (
          <span
            aria-hidden="true"
            data-testid="bell-count"
            className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs leading-5 font-semibold text-white"
          >
            {badge(unread)}
          </span>
        )}
      </button>
      {open && (
        <div
          id={panelId}
          role="dialog"
          aria-label="Notificações"
          className="fixed inset-x-2 top-16 z-40 max-h-[70dvh] overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-200 sm:absolute sm:inset-x-auto sm:top-11 sm:right-0 sm:w-96"
        >
          <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
            <h2 className="text-sm font-semibold text-slate-900">Notificações</h2>
            <button
              type="button"
              disabled={unread === 0 || markAll.isPending}
              onClick={() => markAll.mutate()}
              className="text-sm font-medium text-indigo-700 hover:underline disabled:cursor-not-allowed disabled:text-slate-400 disabled:no-underline"
            >
              Marcar todas como lidas
            </button>
          </div>
          <div className="max-h-[calc(70dvh-6rem)] overflow-y-auto">
            {bell.isPending ? (
              <div className="flex justify-center p-6">
                <Spinner />
              </div>
            ) : bell.isError ? (
              <p className="p-4 text-sm text-rose-700">{problemMessage(bell.error)}</p>
            ) : items.length === 0 ? (
              <p className="p-6 text-center text-sm text-slate-600">
                Nenhuma notificação por aqui. Menções, atribuições e avisos de prazo aparecem neste sino.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {items.map((n) => (
                  <Item key={n.id} notification={n} onOpen={openItem} />
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-200 px-4 py-2 text-right">
            <Link to={`${paths.app.profile.getHref()}#notificacoes`} onClick={() => setOpen(false)} className="text-sm text-slate-600 hover:underline">
              Preferências de notificação
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
