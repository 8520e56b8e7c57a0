import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';

const TABS = [
  { to: paths.app.settings.company.getHref(), label: 'Empresa' },
  { to: paths.app.settings.users.getHref(), label: 'Usuários' },
  { to: paths.app.settings.plan.getHref(), label: 'Plano' },
  { to: paths.app.settings.integrations.getHref(), label: 'Integrações' },
  { to: paths.app.settings.failedJobs.getHref(), label: 'Tarefas com falha' },
];

export default function SettingsLayout() {
  return <SectionTabs label="Configurações" tabs={TABS} />;
}
