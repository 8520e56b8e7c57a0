import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function FinanceRoute() {
  return (
    <ContentLayout title="Financeiro" description="Faturas, cobranças e assinaturas.">
      <ComingSoon
        what="o financeiro"
        items={[
          'Faturas emitidas a partir dos contratos, avulsas ou recorrentes.',
          'Cobrança por PIX, boleto e cartão (Stripe e Asaas), com baixa automática do pagamento.',
          'Assinaturas, multa e juros por atraso e régua de cobrança.',
        ]}
      />
    </ContentLayout>
  );
}
