import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function ContractsRoute() {
  return (
    <ContentLayout title="Contratos" description="Contratos gerados a partir das propostas aceitas.">
      <ComingSoon
        what="contratos"
        items={[
          'Contrato gerado da proposta aceita, a partir de modelos da sua empresa.',
          'Vigência, renovação e reajuste, com lembretes antes do vencimento.',
          'Cobrança recorrente no Financeiro para produtos mensais, trimestrais e anuais.',
        ]}
      />
    </ContentLayout>
  );
}
