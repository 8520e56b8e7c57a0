import type { ReactNode } from 'react';
import { NavLink, Outlet } from 'react-router';

import { cn } from '@/lib/cn';

export type SectionTab = {
  to: string;
  label: string;
  /** Active only on this exact path (a section's index page, whose path prefixes the others). */
  end?: boolean;
};

type SectionTabsProps = {
  /** Names the navigation landmark ("CRM", "Financeiro"…). */
  label: string;
  tabs: SectionTab[];
  /** Shown before the tabs (a way back, say). */
  leading?: ReactNode;
};

/**
 * A section's tab bar over its pages (CRM, Financeiro, Configurações…): one
 * link per page, the current one marked by NavLink (`aria-current="page"`),
 * then the page itself through the router's outlet.
 */
export function SectionTabs({ label, tabs, leading }: SectionTabsProps) {
  return (
    <div>
      <nav aria-label={label} className="border-b border-slate-200 bg-white px-4 sm:px-6 lg:px-8">
        <ul className="mx-auto flex max-w-6xl items-center gap-1 overflow-x-auto">
          {leading && <li>{leading}</li>}
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
