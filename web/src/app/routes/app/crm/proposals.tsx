import { ComingSoon } from '@/components/coming-soon';
import { ContentLayout } from '@/components/layouts/content-layout';

export default function ProposalsRoute() {
  return (
    <ContentLayout title="Propostas" description="Propostas comerciais para os seus clientes.">
      <ComingSoon
        what="propostas"
        items={[
          'Propostas montadas com os produtos e serviços do catálogo, com descontos e condições de pagamento.',
          'PDF com a sua marca, enviado por e-mail ou WhatsApp, e aceite on-line.',
          'Proposta aceita move a oportunidade para “Ganho” automaticamente.',
        ]}
      />
    </ContentLayout>
  );
}
