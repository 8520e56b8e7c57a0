import { ContentLayout } from '@/components/layouts/content-layout';
import { FlowsPage } from '@/features/automation/components/flows-page';

export default function AutomationRoute() {
  return (
    <ContentLayout title="Automação" description="Fluxos disparados por eventos: condições, ações em ordem, simulação e histórico.">
      <FlowsPage />
    </ContentLayout>
  );
}
