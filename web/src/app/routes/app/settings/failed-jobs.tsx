import { ContentLayout } from '@/components/layouts/content-layout';
import { FailedJobsList } from '@/features/jobs/components/failed-jobs-list';

export default function FailedJobsSettingsRoute() {
  return (
    <ContentLayout
      title="Tarefas com falha"
      description="O ConectCRM faz algumas tarefas em segundo plano (e-mails, propostas, importações) e tenta de novo sozinho quando algo dá errado. As que falharam em todas as tentativas ficam aqui para você tentar de novo."
    >
      <FailedJobsList />
    </ContentLayout>
  );
}
