import { useState, type ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router';

import { Logo } from '@/components/ui/logo';
import { paths } from '@/config/paths';
import { useLogout, useMe } from '@/lib/auth';
import { canAccess, ROLE_LABELS, SECTION_LABELS, type Section } from '@/lib/authorization';
import { cn } from '@/lib/cn';

type NavItem = { section: Section; to: string; match: string; icon: ReactNode };

const icon = (d: string) => (
  <svg aria-hidden="true" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" className="size-5">
    <path strokeLinecap="round" strokeLinejoin="round" d={d} />
  </svg>
);

const NAV_ITEMS: NavItem[] = [
  { section: 'dashboard', to: paths.app.dashboard.getHref(), match: paths.app.dashboard.path, icon: icon('M4 19V9m6 10V5m6 14v-7m4 7H2') },
  { section: 'support', to: paths.app.support.root.getHref(), match: paths.app.support.root.path, icon: icon('M4 5h16v10H8l-4 4V5z') },
  { section: 'crm', to: paths.app.crm.root.getHref(), match: paths.app.crm.root.path, icon: icon('M16 19v-1a4 4 0 0 0-8 0v1m4-8a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7 8v-1a3 3 0 0 0-2-2.8M5 19v-1a3 3 0 0 1 2-2.8') },
  { section: 'finance', to: paths.app.finance.root.getHref(), match: paths.app.finance.root.path, icon: icon('M3 7h18v10H3V7zm9 7a2 2 0 1 0 0-4 2 2 0 0 0 0 4z') },
  { section: 'automation', to: paths.app.automation.root.getHref(), match: paths.app.automation.root.path, icon: icon('M13 3 5 14h6l-1 7 8-11h-6l1-7z') },
  { section: 'insights', to: paths.app.insights.root.getHref(), match: paths.app.insights.root.path, icon: icon('M3 17l6-6 4 4 8-8m0 0h-5m5 0v5') },
  { section: 'settings', to: paths.app.settings.root.getHref(), match: paths.app.settings.root.path, icon: icon('M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.3l2-1.6-2-3.4-2.4 1a7.5 7.5 0 0 0-2.2-1.3L14.3 3h-4l-.4 2.4a7.5 7.5 0 0 0-2.2 1.3l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.6l-2 1.6 2 3.4 2.4-1a7.5 7.5 0 0 0 2.2 1.3l.4 2.4h4l.4-2.4a7.5 7.5 0 0 0 2.2-1.3l2.4 1 2-3.4-2-1.6c.1-.4.1-.9.1-1.3z') },
];

function Navigation({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useMe();
  const { pathname } = useLocation();
  const items = NAV_ITEMS.filter((item) => canAccess(user.role, item.section));
  return (
    <nav aria-label="Principal">
      <ul className="space-y-1">
        {items.map((item) => {
          const active = pathname === item.match || pathname.startsWith(`${item.match}/`);
          return (
            <li key={item.section}>
              <NavLink
                to={item.to}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium',
                  active ? 'bg-indigo-800 text-white' : 'text-indigo-100 hover:bg-indigo-800/60 hover:text-white',
                )}
              >
                {item.icon}
                {SECTION_LABELS[item.section]}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function LogoutButton({ className }: { className?: string }) {
  const logout = useLogout();
  return (
    <button
      type="button"
      // The protected routes see the session end and go to /entrar.
      onClick={() => void logout()}
      className={cn('shrink-0 rounded-md px-3 py-2 text-sm font-medium ring-1', className)}
    >
      Sair
    </button>
  );
}

function UserBox({ avatar }: { avatar?: ReactNode }) {
  const { user, company } = useMe();
  return (
    <div className="flex min-w-0 items-center gap-3">
      <Link to={paths.app.profile.getHref()} title="Meu perfil" className="flex min-w-0 items-center gap-2 rounded-md hover:bg-slate-100 sm:px-1">
        <div className="hidden min-w-0 text-right sm:block">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="truncate text-xs text-slate-500">
            {ROLE_LABELS[user.role]} · {company.trade_name || company.name}
          </p>
        </div>
        {avatar}
      </Link>
      <LogoutButton className="hidden text-slate-700 ring-slate-300 hover:bg-slate-100 sm:inline-flex" />
    </div>
  );
}

type AppLayoutProps = {
  children: ReactNode;
  /** What the app puts next to the user in the header (the agent's presence). */
  headerExtra?: ReactNode;
  /** The header's search, which takes the room between the menu and the user. */
  search?: ReactNode;
  /** The notifications bell, beside the user. */
  bell?: ReactNode;
  /** The user's photo (or initials), beside their name. */
  avatar?: ReactNode;
};

export function AppLayout({ children, headerExtra, search, bell, avatar }: AppLayoutProps) {
  const { pathname } = useLocation();
  // The mobile menu is open for the page it was opened on: navigating closes it.
  const [menuOpenAt, setMenuOpenAt] = useState<string | null>(null);
  const menuOpen = menuOpenAt === pathname;
  const closeMenu = () => setMenuOpenAt(null);

  return (
    <div className="min-h-dvh bg-slate-50">
      <a
        href="#conteudo"
        className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        Pular para o conteúdo
      </a>

      {/* Desktop sidebar */}
      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col bg-indigo-900 px-3 py-5 lg:flex">
        <div className="mb-6 px-3">
          <Logo inverted />
        </div>
        <Navigation />
      </aside>

      {/* Mobile drawer */}
      {menuOpen && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <button type="button" aria-label="Fechar menu" className="absolute inset-0 bg-slate-900/50" onClick={closeMenu} />
          <div
            id="menu-mobile"
            role="dialog"
            aria-modal="true"
            aria-label="Menu"
            className="relative flex h-full w-72 max-w-[85vw] flex-col bg-indigo-900 px-3 py-5"
            onKeyDown={(event) => {
              if (event.key === 'Escape') closeMenu();
            }}
          >
            <div className="mb-6 flex items-center justify-between px-3">
              <Logo inverted />
              <button
                type="button"
                onClick={closeMenu}
                aria-label="Fechar menu"
                className="rounded-md p-2 text-indigo-100 hover:bg-indigo-800"
                autoFocus
              >
                ✕
              </button>
            </div>
            <Navigation onNavigate={closeMenu} />
            {/* On a phone the header has no room for it. */}
            <LogoutButton className="mt-auto text-indigo-100 ring-indigo-700 hover:bg-indigo-800" />
          </div>
        </div>
      )}

      <div className="lg:pl-60">
        <header className="sticky top-0 z-30 flex h-16 items-center gap-2 border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:gap-4 sm:px-6">
          <button
            type="button"
            className="inline-flex shrink-0 items-center gap-2 rounded-md px-2 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 lg:hidden"
            aria-expanded={menuOpen}
            aria-controls="menu-mobile"
            onClick={() => setMenuOpenAt(menuOpen ? null : pathname)}
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2">
              <path strokeLinecap="round" d="M4 7h16M4 12h16M4 17h16" />
            </svg>
            Menu
          </button>
          <div className="flex flex-1 items-center">{search}</div>
          <div className="flex min-w-0 items-center gap-3">
            {headerExtra}
            {bell}
            <UserBox avatar={avatar} />
          </div>
        </header>
        <main id="conteudo" tabIndex={-1} className="outline-none">
          {children}
        </main>
      </div>
    </div>
  );
}
