import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function CrmRoute() {
  return (
    <ContentLayout title="CRM" description="Clientes, oportunidades e vendas.">
      <ComingSoon
        what="o CRM de vendas"
        items={[
          'Clientes (com CPF/CNPJ) e seus contatos, com todo o histórico de atendimento.',
          'Funil de oportunidades com etapas arrastáveis.',
          'Propostas com produtos e serviços, em PDF, e contratos gerados a partir delas.',
        ]}
      />
    </ContentLayout>
  );
}
