import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { useCompanyPlan } from '@/features/plans/api/get-company-plan';
import { usePlans } from '@/features/plans/api/get-plans';
import { CurrentPlan } from '@/features/plans/components/current-plan';
import { PlanCatalogue } from '@/features/plans/components/plan-catalogue';
import { problemMessage } from '@/lib/problem';

export default function PlanSettingsRoute() {
  const companyPlan = useCompanyPlan();
  const plans = usePlans();
  return (
    <ContentLayout title="Plano" description="O plano da empresa, o quanto dele está em uso e os outros planos.">
      <div className="space-y-8">
        {companyPlan.isPending ? (
          <PageSpinner />
        ) : companyPlan.isError ? (
          <Alert title="Não foi possível carregar o plano atual">{problemMessage(companyPlan.error)}</Alert>
        ) : (
          <CurrentPlan companyPlan={companyPlan.data} />
        )}
        {plans.isPending ? (
          <PageSpinner label="Carregando planos…" />
        ) : plans.isError ? (
          <Alert title="Não foi possível carregar os planos">{problemMessage(plans.error)}</Alert>
        ) : (
          <PlanCatalogue plans={plans.data} currentCode={companyPlan.data?.plan.code ?? ''} />
        )}
      </div>
    </ContentLayout>
  );
}
