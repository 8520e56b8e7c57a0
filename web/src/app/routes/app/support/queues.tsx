import { ContentLayout } from '@/components/layouts/content-layout';
import { QueuesSettings } from '@/features/support/components/queues-settings';

export default function SupportQueuesRoute() {
  return (
    <ContentLayout title="Filas" description="Como os tickets de cada equipe são distribuídos.">
      <QueuesSettings />
    </ContentLayout>
  );
}
