import { paths } from '@/config/paths';

import type { Role } from './api/models';

/**
 * Where each role starts its day (`/` and after a login without a deep
 * link): agents in the inbox, sales in the pipeline, finance in Financeiro,
 * whoever runs the company (owner, admin, manager) on the Painel.
 */
export function landingPath(role: Role): string {
  switch (role) {
    case 'agent':
      return paths.app.support.root.getHref();
    case 'sales':
      return paths.app.crm.opportunities.getHref();
    case 'finance':
      return paths.app.finance.root.getHref();
    case 'owner':
    case 'admin':
    case 'manager':
      return paths.app.dashboard.getHref();
  }
}
