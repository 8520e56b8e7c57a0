import { NavLink, Outlet } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canConfigureCrm } from '@/lib/authorization';
import { cn } from '@/lib/cn';

const TABS = [
  { to: paths.app.crm.customers.getHref(), label: 'Clientes' },
  { to: paths.app.crm.opportunities.getHref(), label: 'Oportunidades' },
  { to: paths.app.crm.products.getHref(), label: 'Produtos' },
  { to: paths.app.crm.proposals.getHref(), label: 'Propostas' },
  { to: paths.app.crm.contracts.getHref(), label: 'Contratos' },
];

export default function CrmLayout() {
  const { user } = useMe();
  const tabs = canConfigureCrm(user.role)
    ? [...TABS, { to: paths.app.crm.settings.getHref(), label: 'Configurações do CRM' }]
    : TABS;
  return (
    <div>
      <nav aria-label="CRM" className="border-b border-slate-200 bg-white px-4 sm:px-6 lg:px-8">
        <ul className="mx-auto flex max-w-6xl gap-1 overflow-x-auto">
          {tabs.map((tab) => (
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
