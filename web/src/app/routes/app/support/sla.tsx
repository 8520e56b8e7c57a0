import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useSlaPolicies } from '@/features/support/api/sla';
import { SlaSettingsForm } from '@/features/support/components/sla-settings-form';
import { problemMessage } from '@/lib/problem';

export default function SupportSlaRoute() {
  const policies = useSlaPolicies();
  return (
    <ContentLayout title="SLA" description="Prazos de primeira resposta e de resolução por prioridade.">
      {policies.isPending ? (
        <PageSpinner label="Carregando prazos…" />
      ) : policies.isError ? (
        <Alert title="Não foi possível carregar os prazos">{problemMessage(policies.error)}</Alert>
      ) : (
        <SlaSettingsForm policies={policies.data} />
      )}
    </ContentLayout>
  );
}
