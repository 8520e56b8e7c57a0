import { Navigate } from 'react-router';

import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

import { INSIGHTS_TABS } from './layout';

/** /insights opens the first tab the role may see (an agent's is "Tendências"). */
export default function InsightsFirstTabRoute() {
  const { user } = useMe();
  const first = INSIGHTS_TABS.find((tab) => canAccess(user.role, tab.section)) ?? INSIGHTS_TABS[0];
  return <Navigate to={first.to} replace />;
}
