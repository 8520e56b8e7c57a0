import { ContentLayout } from '@/components/layouts/content-layout';
import { ChannelsSettings } from '@/features/support/components/channels-settings';

export default function SupportChannelsRoute() {
  return (
    <ContentLayout title="Canais" description="WhatsApp, e-mail, chat do site e SMS chegando na mesma caixa de entrada.">
      <ChannelsSettings />
    </ContentLayout>
  );
}
