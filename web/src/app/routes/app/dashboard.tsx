import { ContentLayout } from '@/components/layouts/content-layout';
import { Dashboard } from '@/features/dashboard/components/dashboard';
import { useMe } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/authorization';

import { DashboardRiskSlot } from './dashboard-risk-slot';
import { DashboardSetupSlot } from './dashboard-setup-slot';

export default function DashboardRoute() {
  const { user, company } = useMe();
  const firstName = user.name.split(' ')[0];
  return (
    <ContentLayout
      title="Painel"
      description={
        <>
          Olá, {firstName}! Você está em <strong>{company.trade_name || company.name}</strong> como {ROLE_LABELS[user.role]}.
        </>
      }
    >
      <div className="space-y-6">
        <DashboardSetupSlot />
        <Dashboard extra={<DashboardRiskSlot />} />
      </div>
    </ContentLayout>
  );
}
