import { useState } from 'react';

import { cn } from '@/lib/cn';
import { notificationPermission, notificationsSupported, useNotificationSettings } from '@/lib/desktop-notifications';


const BELL = 'M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8m4.3 13a2 2 0 0 0 3.4 0';
const BELL_OFF = 'M6 8a6 6 0 0 1 9.3-5M18 8c0 7 3 8 3 8H9m-6 0s3-1 3-8m4.3 13a2 2 0 0 0 3.4 0M3 3l18 18';

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
        <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="inline-block size-4 shrink-0">
          <path strokeLinecap="round" strokeLinejoin="round" d={on ? BELL : BELL_OFF} />
        </svg>
        <span className="hidden sm:inline">Notificações</span>
        <span className="sr-only sm:hidden">Notificações na área de trabalho</span>
      </button>
      {blocked && <span className="hidden text-xs text-slate-500 md:inline">Bloqueadas no navegador</span>}
    </div>
  );
}
