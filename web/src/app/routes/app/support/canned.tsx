import { ContentLayout } from '@/components/layouts/content-layout';
import { CannedSettings } from '@/features/support/components/canned-settings';

export default function SupportCannedRoute() {
  return (
    <ContentLayout title="Respostas prontas" description="Textos com variáveis, inseridos com / na resposta.">
      <CannedSettings />
    </ContentLayout>
  );
}
