import { AccessDenied } from '@/components/errors/access-denied';
import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { CustomFieldsSettings } from '@/features/crm/components/custom-fields-settings';
import { PipelinesSettings } from '@/features/crm/components/pipelines-settings';
import { useMe } from '@/lib/auth';
import { canConfigureCrm } from '@/lib/authorization';

export default function CrmSettingsRoute() {
  const { user } = useMe();
  if (!canConfigureCrm(user.role)) {
    return (
      <AccessDenied role={user.role} back={{ to: paths.app.crm.customers.getHref(), label: 'Voltar para clientes' }}>
        não configura o CRM. Campos personalizados e funis são ajustados por proprietários, administradores e gerentes.
      </AccessDenied>
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
