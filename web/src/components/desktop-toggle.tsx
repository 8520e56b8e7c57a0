import { useState } from 'react';

import { BellIcon } from '@/components/ui/bell-icon';
import { cn } from '@/lib/cn';
import { notificationPermission, notificationsSupported, useNotificationSettings } from '@/lib/desktop-notifications';


/** Desktop alerts in this browser: asks its permission; which kinds come is each person's preference. */
export function DesktopToggle() {
  const enabled = useNotificationSettings((state) => state.enabled);
  const setEnabled = useNotificationSettings((state) => state.setEnabled);
  const [permission, setPermission] = useState(notificationPermission);
  const [asking, setAsking] = useState(false);

  if (!notificationsSupported()) return null;
  const on = enabled && permission === 'granted';
  const blocked = permission === 'denied';

  const toggle = async () => {
    if (on) {
      setEnabled(false);
      return;
    }
    let result = Notification.permission;
    if (result === 'default') {
      setAsking(true);
      try {
        result = await Notification.requestPermission();
      } finally {
        setAsking(false);
      }
    }
    setPermission(result);
    setEnabled(result === 'granted');
  };

  return (
    <div className="flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        disabled={blocked || asking}
        onClick={() => void toggle()}
        title={
          blocked
            ? 'As notificações estão bloqueadas no navegador: libere nas configurações do site.'
            : 'Avisos na área de trabalho neste navegador (quais avisos: Meu perfil → Notificações).'
        }
        className={cn(
          'inline-flex h-8 items-center gap-2 rounded-md px-2 text-sm font-medium ring-1 ring-inset disabled:cursor-not-allowed disabled:opacity-60',
          on ? 'bg-indigo-50 text-indigo-900 ring-indigo-300' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50',
        )}
      >
        <BellIcon off={!on} className="size-4" />
        <span className="hidden sm:inline">Notificações</span>
        <span className="sr-only sm:hidden">Notificações na área de trabalho</span>
      </button>
      {blocked && <span className="hidden text-xs text-slate-500 md:inline">Bloqueadas no navegador</span>}
    </div>
  );
}
