import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { CustomerRisk } from '@/lib/api/models';

import { RiskLevelBadge } from './risk-level-badge';

/**
 * A short list of customers at risk (the dashboard's): name — a link to
 * their page for whoever reads the CRM —, score, level and the main reason.
 */
export function TopCustomersAtRisk({ risks, linkCustomers }: { risks: CustomerRisk[]; linkCustomers: boolean }) {
  return (
    <ol aria-label="Clientes com maior risco de perda" className="divide-y divide-slate-100">
      {risks.map((risk) => {
        const main = [...risk.reasons].sort((a, b) => b.points - a.points)[0];
        return (
          <li key={risk.customer_id} className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 py-2">
            <div className="min-w-0">
              {linkCustomers ? (
                <Link to={paths.app.crm.customer.getHref(risk.customer_id)} className="font-medium text-indigo-800 hover:underline">
                  {risk.customer_name}
                </Link>
              ) : (
                <span className="font-medium text-slate-900">{risk.customer_name}</span>
              )}
              {main && <p className="text-xs text-slate-600">{main.label}</p>}
            </div>
            <div className="flex shrink-0 items-center gap-2">
              <span className="text-sm text-slate-700 tabular-nums">{risk.score}/100</span>
              <RiskLevelBadge level={risk.level} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
