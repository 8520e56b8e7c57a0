import { Link } from 'react-router';

import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

const TABS = [
  { to: paths.app.support.settings.channels.getHref(), label: 'Canais' },
  { to: paths.app.support.settings.teams.getHref(), label: 'Equipes' },
  { to: paths.app.support.settings.queues.getHref(), label: 'Filas' },
  { to: paths.app.support.settings.sla.getHref(), label: 'SLA' },
  { to: paths.app.support.settings.canned.getHref(), label: 'Respostas prontas' },
  { to: paths.app.support.settings.triage.getHref(), label: 'Triagem' },
];

export default function SupportSettingsLayout() {
  const { user } = useMe();
  const tabs = canAccess(user.role, 'ai_settings') ? [...TABS, { to: paths.app.support.settings.ai.getHref(), label: 'IA' }] : TABS;
  return (
    <SectionTabs
      label="Configurações do atendimento"
      tabs={tabs}
      leading={
        <Link
          to={paths.app.support.root.getHref()}
          className="inline-flex h-12 items-center px-3 text-sm font-medium whitespace-nowrap text-indigo-800 hover:underline"
        >
          ← Caixa de entrada
        </Link>
      }
    />
  );
}
