import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canAccess, SECTION_LABELS, type Section } from '@/lib/authorization';

/** Insights' tabs, in order; a role sees those it may open. */
export const INSIGHTS_TABS: { section: Section; to: string }[] = [
  { section: 'insights_risk', to: paths.app.insights.risk.getHref() },
  { section: 'insights_topics', to: paths.app.insights.topics.getHref() },
];

export default function InsightsLayout() {
  const { user } = useMe();
  const tabs = INSIGHTS_TABS.filter((tab) => canAccess(user.role, tab.section)).map((tab) => ({ to: tab.to, label: SECTION_LABELS[tab.section] }));
  return <SectionTabs label="Insights" tabs={tabs} />;
}
