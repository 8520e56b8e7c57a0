import { Link, NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';

const TABS = [
  { to: paths.app.support.settings.channels.getHref(), label: 'Canais' },
  { to: paths.app.support.settings.teams.getHref(), label: 'Equipes' },
  { to: paths.app.support.settings.queues.getHref(), label: 'Filas' },
  { to: paths.app.support.settings.sla.getHref(), label: 'SLA' },
  { to: paths.app.support.settings.canned.getHref(), label: 'Respostas prontas' },
  { to: paths.app.support.settings.triage.getHref(), label: 'Regras de triagem' },
];

export default function SupportSettingsLayout() {
  return (
    <div>
      <nav aria-label="Configurações do atendimento" className="border-b border-slate-200 bg-white px-4 sm:px-6 lg:px-8">
        <ul className="mx-auto flex max-w-6xl items-center gap-1 overflow-x-auto">
          <li>
            <Link
              to={paths.app.support.root.getHref()}
              className="inline-flex h-12 items-center px-3 text-sm font-medium whitespace-nowrap text-indigo-800 hover:underline"
            >
              ← Caixa de entrada
            </Link>
          </li>
          {TABS.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                className={({ isActive }) =>
                  cn(
                    'inline-flex h-12 items-center border-b-2 px-3 text-sm font-medium whitespace-nowrap',
                    isActive
                      ? 'border-indigo-700 text-indigo-800'
                      : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900',
                  )
                }
              >
                {tab.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
