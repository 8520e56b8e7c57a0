import { create } from 'zustand';

// Desktop notifications are opt-in, per browser: the choice is kept in
// localStorage and the browser's permission is asked when it is turned on.
// (The key predates notifications outside the inbox; kept so a choice made there stays.)
const KEY = 'conectcrm.support.desktop_notifications';

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export const notificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

export const notificationPermission = (): NotificationPermission | 'unsupported' =>
  notificationsSupported() ? Notification.permission : 'unsupported';

type State = {
  enabled: boolean;
  setEnabled: (enabled: boolean) => void;
};

export const useNotificationSettings = create<State>()((set) => ({
  enabled: storage()?.getItem(KEY) === 'on',
  setEnabled: (enabled) => {
    if (enabled) storage()?.setItem(KEY, 'on');
    else storage()?.removeItem(KEY);
    set({ enabled });
  },
}));

/** On only when chosen here and allowed by the browser. */
export const notificationsActive = () => useNotificationSettings.getState().enabled && notificationPermission() === 'granted';
