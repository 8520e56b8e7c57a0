import { useQuery } from '@tanstack/react-query';
import { Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';

import { AppLayout } from '@/components/layouts/app-layout';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { DesktopNotifications } from '@/features/notifications/components/desktop-notifications';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { Avatar } from '@/features/profile/components/avatar';
import { GlobalSearch } from '@/features/search/components/global-search';
import { PresenceSwitch } from '@/features/support/components/presence-switch';
import { meQueryOptions, useLogout } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';
import { useSession } from '@/lib/session';

/** Everything behind the login: loads the current user, then shows the shell. */
export default function ProtectedRoot() {
  const location = useLocation();
  const hasSession = useSession((state) => state.hasSession);
  const endedBy = useSession((state) => state.endedBy);
  const me = useQuery({ ...meQueryOptions(), enabled: hasSession });
  const logout = useLogout();

  if (!hasSession) {
    const back = endedBy === 'logout' ? null : location.pathname + location.search;
    return <Navigate to={paths.auth.login.getHref(back)} replace />;
  }
  if (me.isPending) return <PageSpinner label="Carregando sua conta…" />;
  if (me.isError) {
    return (
      <div className="mx-auto max-w-md px-4 py-16">
        <Alert title="Não foi possível carregar sua conta">{problemMessage(me.error)}</Alert>
        <div className="mt-4 flex gap-2">
          <Button onClick={() => me.refetch()} isLoading={me.isFetching}>
            Tentar de novo
          </Button>
          <Button variant="secondary" onClick={() => void logout()}>
            Sair
          </Button>
        </div>
      </div>
    );
  }

  // Everyone: the search (header box, Ctrl+K), the bell and its desktop
  // alerts on any page. Agents: their availability in the header.
  const agent = canAccess(me.data.user.role, 'support');
  return (
    <AppLayout headerExtra={agent ? <PresenceSwitch /> : undefined} bell={<NotificationBell />}
      avatar={<Avatar user={me.data.user} size="sm" />}
      search={<GlobalSearch />}
    >
      <DesktopNotifications />
      <Suspense fallback={<PageSpinner />}>
        <Outlet />
      </Suspense>
    </AppLayout>
  );
}
