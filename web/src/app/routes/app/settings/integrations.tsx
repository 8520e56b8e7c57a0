import { ContentLayout } from '@/components/layouts/content-layout';
import { WebhooksPage } from '@/features/integrations/components/webhooks-page';

export default function IntegrationsSettingsRoute() {
  return (
    <ContentLayout
      title="Integrações"
      description="Webhooks: o ConectCRM avisa os seus outros sistemas, por HTTPS e com assinatura, sempre que um evento escolhido acontece."
    >
      <WebhooksPage />
    </ContentLayout>
  );
}
