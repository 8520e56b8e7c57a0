import { AccessDenied } from '@/components/errors/access-denied';
import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useFinanceSettings } from '@/features/finance/api/finance-settings';
import { FinanceSettingsForm } from '@/features/finance/components/finance-settings-form';
import { GatewaysPanel } from '@/features/finance/components/gateways-panel';
import { useMe } from '@/lib/auth';
import { canConfigureFinance } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

export default function FinanceSettingsRoute() {
  const { user } = useMe();
  if (!canConfigureFinance(user.role)) {
    return (
      <AccessDenied role={user.role} back={{ to: paths.app.finance.root.getHref(), label: 'Voltar ao financeiro' }}>
        não configura o financeiro. Multa e juros, chave PIX, régua de cobrança e provedores de pagamento são ajustados por
        proprietários, administradores e pelo perfil Financeiro.
      </AccessDenied>
    );
  }
  return <Settings />;
}

function Settings() {
  const settings = useFinanceSettings();
  return (
    <ContentLayout title="Configurações do financeiro" description="Multa e juros, vencimento, PIX, régua de cobrança e provedores de pagamento.">
      <div className="space-y-6">
        {settings.isPending ? (
          <PageSpinner label="Carregando configurações…" />
        ) : settings.isError ? (
          <Alert title="Não foi possível carregar as configurações">{problemMessage(settings.error)}</Alert>
        ) : (
          <FinanceSettingsForm settings={settings.data} />
        )}
        <GatewaysPanel />
      </div>
    </ContentLayout>
  );
}
