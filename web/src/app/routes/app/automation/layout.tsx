import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';

const TABS = [
  // Fluxos' path prefixes the bot's.
  { to: paths.app.automation.root.getHref(), label: 'Fluxos', end: true },
  { to: paths.app.automation.bot.getHref(), label: 'Bot' },
];

/** Automação's tabs: the flows and the service bot (both for owners, admins and managers). */
export default function AutomationLayout() {
  return <SectionTabs label="Automação" tabs={TABS} />;
}
