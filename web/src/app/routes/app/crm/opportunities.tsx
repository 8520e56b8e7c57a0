import { ContentLayout } from '@/components/layouts/content-layout';
import { OpportunitiesWorkspace } from '@/features/crm/components/opportunities-workspace';

export default function OpportunitiesRoute() {
  return (
    <ContentLayout wide title="Oportunidades" description="Arraste os cartões entre as etapas do funil.">
      <OpportunitiesWorkspace />
    </ContentLayout>
  );
}
