import { ContentLayout } from '@/components/layouts/content-layout';
import { TopicTrendsReport } from '@/features/insights/components/topic-trends';

export default function TopicsRoute() {
  return (
    <ContentLayout title="Tendências" description="Sobre o que os clientes mais escrevem: chamados por categoria e as palavras em alta.">
      <TopicTrendsReport />
    </ContentLayout>
  );
}
