import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useCompany } from '@/features/company/api/get-company';
import { CompanyForm } from '@/features/company/components/company-form';
import { LogoUpload } from '@/features/company/components/logo-upload';
import { problemMessage } from '@/lib/problem';

export default function CompanySettingsRoute() {
  const company = useCompany();
  return (
    <ContentLayout title="Empresa" description="Dados cadastrais, contato, endereço e horário de atendimento.">
      {company.isPending ? (
        <PageSpinner />
      ) : company.isError ? (
        <Alert title="Não foi possível carregar os dados da empresa">{problemMessage(company.error)}</Alert>
      ) : (
        <div className="space-y-6">
          <LogoUpload company={company.data} />
          <CompanyForm company={company.data} />
        </div>
      )}
    </ContentLayout>
  );
}
