import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useFinanceSettings } from '@/features/finance/api/finance-settings';
import { FinanceSettingsForm } from '@/features/finance/components/finance-settings-form';
import { GatewaysPanel } from '@/features/finance/components/gateways-panel';
import { useMe } from '@/lib/auth';
import { canConfigureFinance, ROLE_LABELS } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

export default function FinanceSettingsRoute() {
  const { user } = useMe();
  if (!canConfigureFinance(user.role)) {
    return (
      <div className="mx-auto max-w-xl px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-900">Acesso negado</h1>
        <p className="mt-2 text-slate-600">
          Seu perfil (<strong>{ROLE_LABELS[user.role]}</strong>) não configura o financeiro. Multa e juros, chave PIX, régua de cobrança e
          provedores de pagamento são ajustados por proprietários, administradores e pelo perfil Financeiro.
        </p>
        <Link to={paths.app.finance.root.getHref()} className="mt-6 inline-block text-indigo-800 hover:underline">
          Voltar ao financeiro
        </Link>
      </div>
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
