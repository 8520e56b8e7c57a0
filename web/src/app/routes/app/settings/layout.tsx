import { NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';
import { cn } from '@/lib/cn';

const TABS = [
  { to: paths.app.settings.company.getHref(), label: 'Empresa' },
  { to: paths.app.settings.users.getHref(), label: 'Usuários' },
  { to: paths.app.settings.plan.getHref(), label: 'Plano' },
  { to: paths.app.settings.failedJobs.getHref(), label: 'Tarefas com falha' },
];

export default function SettingsLayout() {
  return (
    <div>
      <nav aria-label="Configurações" className="border-b border-slate-200 bg-white px-4 sm:px-6 lg:px-8">
        <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto">
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
