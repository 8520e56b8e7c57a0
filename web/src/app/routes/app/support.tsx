import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function SupportRoute() {
  return (
    <ContentLayout title="Atendimento" description="Atendimento omnichannel da sua equipe.">
      <ComingSoon
        what="a caixa de entrada omnichannel"
        items={[
          'WhatsApp, e-mail e chat do site chegando em uma única caixa de entrada, ao vivo.',
          'Tickets com prioridade, equipes, filas e distribuição automática para os atendentes.',
          'Notas internas, respostas prontas, histórico do cliente e controle de SLA.',
        ]}
      />
    </ContentLayout>
  );
}
