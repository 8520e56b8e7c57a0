import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useAiSettings } from '@/features/support/api/ai';
import { AiSettingsForm } from '@/features/support/components/ai-settings-form';
import { AiUsageCard } from '@/features/support/components/ai-usage';
import { problemMessage } from '@/lib/problem';

export default function SupportAiRoute() {
  const settings = useAiSettings();
  return (
    <ContentLayout title="IA" description="Uma segunda opinião de um modelo de linguagem na triagem, o que ele pode ler e quanto pode gastar.">
      <div className="space-y-6">
        {settings.isPending ? (
          <PageSpinner label="Carregando as configurações de IA…" />
        ) : settings.isError ? (
          <Alert title="Não foi possível carregar as configurações de IA">{problemMessage(settings.error)}</Alert>
        ) : (
          <AiSettingsForm settings={settings.data} />
        )}
        <AiUsageCard />
      </div>
    </ContentLayout>
  );
}
