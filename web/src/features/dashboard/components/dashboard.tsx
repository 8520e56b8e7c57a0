import type { ReactNode } from 'react';

import { useMe } from '@/lib/auth';
import { canAccess, canSeeAgentBoard } from '@/lib/authorization';

import { useDashboardPeriod } from '../hooks/use-dashboard-period';

import { AgentsSection } from './agents-section';
import { FinanceSection } from './finance-section';
import { PeriodPicker } from './period-picker';
import { SalesSection } from './sales-section';
import { SupportSection } from './support-section';

/**
 * The app's home: the period picker, then the areas the user's role works
 * in — Atendimento (support roles; an agent's own tickets), Equipe (who runs
 * the team), Vendas (CRM roles; a salesperson's own deals), Financeiro — and
 * whatever the app layer adds after them (`extra`: the customers at risk).
 */
export function Dashboard({ extra }: { extra?: ReactNode }) {
  const { user } = useMe();
  const period = useDashboardPeriod();
  const role = user.role;
  const support = canAccess(role, 'support');
  const sales = canAccess(role, 'crm');
  const finance = canAccess(role, 'finance');
  const board = canSeeAgentBoard(role);

  return (
    <div className="space-y-8">
      <PeriodPicker
        period={period.period}
        from={period.rawFrom}
        to={period.rawTo}
        problem={period.problem}
        onChoose={period.choose}
        onDate={period.setDate}
      />
      {support && <SupportSection query={period.query} />}
      {board && <AgentsSection query={period.query} />}
      {sales && <SalesSection query={period.query} />}
      {finance && <FinanceSection query={period.query} />}
      {extra}
    </div>
  );
}
