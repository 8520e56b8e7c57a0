import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { CustomFieldsSettings } from '@/features/crm/components/custom-fields-settings';
import { PipelinesSettings } from '@/features/crm/components/pipelines-settings';
import { useMe } from '@/lib/auth';
import { canConfigureCrm, ROLE_LABELS } from '@/lib/authorization';

export default function CrmSettingsRoute() {
  const { user } = useMe();
  if (!canConfigureCrm(user.role)) {
    return (
      <div className="mx-auto max-w-xl px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-900">Acesso negado</h1>
        <p className="mt-2 text-slate-600">
          Seu perfil (<strong>{ROLE_LABELS[user.role]}</strong>) não configura o CRM. Campos personalizados e funis são ajustados por
          proprietários, administradores e gerentes.
        </p>
        <Link to={paths.app.crm.customers.getHref()} className="mt-6 inline-block text-indigo-800 hover:underline">
          Voltar para clientes
        </Link>
      </div>
    );
  }
  return (
    <ContentLayout title="Configurações do CRM" description="Campos personalizados dos clientes e funis de vendas.">
      <div className="space-y-6">
        <PipelinesSettings />
        <CustomFieldsSettings />
      </div>
    </ContentLayout>
  );
}
