import type { DashboardQuery } from '@/lib/api/models';

// Every dashboard query starts with `dashboardQueryKey`, then its section:
// the server's `dashboard_changed` signal names the sections whose rollups
// changed, and only those are read again (live-updates.ts).
export const dashboardQueryKey = ['dashboard'] as const;

/** A section of the dashboard, as the live signal names it (`agents` is the team's board). */
export type DashboardSection = 'support' | 'sales' | 'finance' | 'agents';

export const dashboardSectionQueryKey = (section: DashboardSection) => [...dashboardQueryKey, section] as const;
export const dashboardPeriodQueryKey = (section: DashboardSection, query: DashboardQuery) =>
  [...dashboardSectionQueryKey(section), query] as const;
