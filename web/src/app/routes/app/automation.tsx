import { ContentLayout } from '@/components/layouts/content-layout';
import { FlowsPage } from '@/features/automation/components/flows-page';
import { useTeams } from '@/features/support/api/teams';

/** Automação → Fluxos; the editor's "Atribuir" offers support's teams, handed in here (features do not import each other). */
export default function AutomationRoute() {
  const teams = useTeams();
  return (
    <ContentLayout title="Automação" description="Fluxos disparados por eventos: condições, ações em ordem, simulação e histórico.">
      <FlowsPage teams={(teams.data ?? []).map((t) => ({ id: t.id, name: t.name }))} />
    </ContentLayout>
  );
}
