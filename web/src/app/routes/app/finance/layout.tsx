import { NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canConfigureFinance } from '@/lib/authorization';
import { cn } from '@/lib/cn';

const TABS = [
  { to: paths.app.finance.root.getHref(), label: 'Painel', end: true },
  { to: paths.app.finance.invoices.getHref(), label: 'Faturas', end: false },
  { to: paths.app.finance.payments.getHref(), label: 'Pagamentos', end: false },
  { to: paths.app.finance.subscriptions.getHref(), label: 'Assinaturas', end: false },
];

export default function FinanceLayout() {
  const { user } = useMe();
  const tabs = canConfigureFinance(user.role)
    ? [...TABS, { to: paths.app.finance.settings.getHref(), label: 'Configurações', end: false }]
    : TABS;
  return (
    <div>
      <nav aria-label="Financeiro" className="border-b border-slate-200 bg-white px-4 sm:px-6 lg:px-8">
        <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto">
          {tabs.map((tab) => (
            <li key={tab.to}>
              <NavLink
                to={tab.to}
                end={tab.end}
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
