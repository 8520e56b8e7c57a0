import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';
import { useMe } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/authorization';

export default function DashboardRoute() {
  const { user, company } = useMe();
  const firstName = user.name.split(' ')[0];
  return (
    <ContentLayout
      title="Dashboard"
      description={
        <>
          Olá, {firstName}! Você está em <strong>{company.trade_name || company.name}</strong> como{' '}
          {ROLE_LABELS[user.role]}.
        </>
      }
    >
      <ComingSoon
        what="os números da sua operação em um só painel"
        items={[
          'Atendimento: tickets abertos, tempo de primeira resposta, SLA cumprido e satisfação (CSAT).',
          'Vendas: oportunidades por etapa do funil, propostas enviadas e taxa de conversão.',
          'Financeiro: faturas a receber, recebidas e em atraso no mês.',
          'Automação: mensagens triadas pela IA e fluxos executados.',
        ]}
      />
    </ContentLayout>
  );
}
