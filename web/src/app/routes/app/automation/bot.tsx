import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useBotSettings } from '@/features/automation/api/bot';
import { BotPage } from '@/features/automation/components/bot-page';
import { problemMessage } from '@/lib/problem';

import { useTeamOptions } from './team-options';

/** Automação → Bot; the handover offers support's teams. */
export default function AutomationBotRoute() {
  const settings = useBotSettings();
  const teams = useTeamOptions();
  return (
    <ContentLayout
      title="Bot de atendimento"
      description="O primeiro atendimento no WhatsApp e no chat do site: menu, 2ª via, dúvidas frequentes e transferência para a equipe."
    >
      {settings.isPending ? (
        <PageSpinner label="Carregando o bot…" />
      ) : settings.isError ? (
        <Alert title="Não foi possível carregar o bot">{problemMessage(settings.error)}</Alert>
      ) : (
        <BotPage settings={settings.data} teams={teams} />
      )}
    </ContentLayout>
  );
}
