import { ContentLayout } from '@/components/layouts/content-layout';
import { FlowsPage } from '@/features/automation/components/flows-page';

import { useTeamOptions } from './team-options';

/** Automação → Fluxos; the editor's "Atribuir" offers support's teams. */
export default function AutomationRoute() {
  const teams = useTeamOptions();
  return (
    <ContentLayout title="Automação" description="Fluxos disparados por eventos: condições, ações em ordem, simulação e histórico.">
      <FlowsPage teams={teams} />
    </ContentLayout>
  );
}
