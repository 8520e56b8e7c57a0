import { ContentLayout } from '@/components/layouts/content-layout';
import { PaymentsList } from '@/features/finance/components/payments-list';

export default function PaymentsRoute() {
  return (
    <ContentLayout title="Pagamentos" description="Recebimentos registrados à mão ou avisados pelos provedores, com estornos.">
      <PaymentsList />
    </ContentLayout>
  );
}
