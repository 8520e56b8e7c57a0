import { ContentLayout } from '@/components/layouts/content-layout';
import { TeamsSettings } from '@/features/support/components/teams-settings';

export default function SupportTeamsRoute() {
  return (
    <ContentLayout title="Equipes" description="Membros, capacidade de cada atendente e horário de atendimento.">
      <TeamsSettings />
    </ContentLayout>
  );
}
