import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { SectionFrame } from '@/features/dashboard/components/section';
import { EmptyState, Widget } from '@/features/dashboard/components/widget';
import { useTopCustomersAtRisk } from '@/features/insights/api/customers-at-risk';
import { RISK_LEVEL_LABELS } from '@/features/insights/components/labels';
import { TopCustomersAtRisk } from '@/features/insights/components/top-customers-at-risk';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { todayIso } from '@/lib/format';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

const LIMIT = 5;

/** Insights' five customers most at risk, in a dashboard widget (its CSV too). */
function CustomersAtRiskWidget() {
  const { user } = useMe();
  const risks = useTopCustomersAtRisk(LIMIT);
  const total = risks.data?.total;
  return (
    <SectionFrame
      title="Clientes em risco"
      subtitle={total === undefined ? undefined : `${plural(total, 'cliente', 'clientes')} com risco médio ou alto agora`}
    >
      <Widget
        title="Maiores riscos de perda"
        description="Tom das mensagens, chamados em aberto, SLA estourado, notas baixas e faturas vencidas"
        link={{ to: paths.app.insights.risk.getHref(), label: 'Ver todos' }}
        csv={() => ({
          filename: `painel-clientes-em-risco-${todayIso()}`,
          rows: [
            ['Cliente', 'Pontuação (0 a 100)', 'Nível', 'Motivos'],
            ...(risks.data?.items ?? []).map((risk) => [
              risk.customer_name,
              risk.score,
              RISK_LEVEL_LABELS[risk.level],
              risk.reasons.map((reason) => reason.label).join(' | '),
            ]),
          ],
        })}
      >
        {risks.isPending ? (
          <PageSpinner label="Calculando os riscos…" />
        ) : risks.isError ? (
          <Alert title="Não foi possível carregar os clientes em risco">{problemMessage(risks.error)}</Alert>
        ) : risks.data.items.length === 0 ? (
          <EmptyState>Nenhum cliente em risco agora.</EmptyState>
        ) : (
          <TopCustomersAtRisk risks={risks.data.items} linkCustomers={canAccess(user.role, 'crm')} />
        )}
      </Widget>
    </SectionFrame>
  );
}

/** The dashboard's "Clientes em risco", for the roles that see it (owners, admins, managers, sales, finance). */
export function DashboardRiskSlot() {
  const { user } = useMe();
  if (!canAccess(user.role, 'insights_risk')) return null;
  return <CustomersAtRiskWidget />;
}
