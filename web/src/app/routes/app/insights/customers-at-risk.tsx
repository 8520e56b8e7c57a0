import { ContentLayout } from '@/components/layouts/content-layout';
import { CustomersAtRisk } from '@/features/insights/components/customers-at-risk';

export default function CustomersAtRiskRoute() {
  return (
    <ContentLayout
      title="Clientes em risco"
      description="Quem pode deixar a empresa e por quê: tom das mensagens, chamados em aberto, SLA estourado, notas baixas, faturas vencidas e assinaturas pausadas."
    >
      <CustomersAtRisk />
    </ContentLayout>
  );
}
