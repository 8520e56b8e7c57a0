import type { QueryClient } from '@tanstack/react-query';

import { dashboardQueryKey, dashboardSectionQueryKey, type DashboardSection } from './query-keys';

const KNOWN: readonly string[] = ['support', 'sales', 'finance'];

/**
 * The server's `dashboard_changed` signal: the rollups of these sections
 * changed, so the dashboards on screen read them again (support feeds the
 * agents' board too). An unknown section refreshes the whole dashboard.
 */
export function invalidateDashboard(queryClient: QueryClient, sections: readonly string[]) {
  if (sections.some((section) => !KNOWN.includes(section))) {
    void queryClient.invalidateQueries({ queryKey: dashboardQueryKey });
    return;
  }
  const targets = new Set<DashboardSection>(sections as DashboardSection[]);
  if (targets.has('support')) targets.add('agents');
  for (const section of targets) void queryClient.invalidateQueries({ queryKey: dashboardSectionQueryKey(section) });
}
