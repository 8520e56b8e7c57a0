import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function AutomationRoute() {
  return (
    <ContentLayout title="Automação" description="Triagem por IA e fluxos automáticos.">
      <ComingSoon
        what="a automação com IA"
        items={[
          'Triagem de cada mensagem recebida: assunto, prioridade, sentimento e equipe certa.',
          'Fluxos de regras disparados por eventos (ex.: proposta aceita → criar contrato).',
          'Insights da IA sobre atendimento e vendas.',
        ]}
      />
    </ContentLayout>
  );
}
