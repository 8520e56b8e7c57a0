import { paths } from '@/config/paths';
import type { DashboardQuery, FinanceDashboard } from '@/lib/api/models';
import { RECURRING_TERMS } from '@/lib/commercial';
import { centsToReais } from '@/lib/csv';
import { formatIsoDate, formatMoney, formatNumber, todayIso } from '@/lib/format';
import { plural } from '@/lib/plural';

import { useFinanceDashboard } from '../api/get-dashboard';
import { describeChange, formatPercent } from '../utils/metrics';
import { periodSlug } from '../utils/period';

import { BarsChart, CHART_COLORS, TrendChart } from './charts';
import { KpiCard, KpiGrid } from './kpi-card';
import { csvPeriodHeaders, DashboardSection } from './section';
import { EmptyState, Widget, type CsvExport } from './widget';

const count = plural;
const OVERDUE_HREF = paths.app.finance.invoices.getHref('situacao=overdue');

function FinanceNumbers({ data, query }: { data: FinanceDashboard; query: DashboardQuery }) {
  const money = (cents: number) => formatMoney(cents, data.currency);
  const file = (name: string) => `painel-financeiro-${name}-${periodSlug(query)}`;
  const overdueCents = data.overdue.reduce((sum, bucket) => sum + bucket.cents, 0);
  const overdueCount = data.overdue.reduce((sum, bucket) => sum + bucket.count, 0);
  const today = todayIso();

  const kpiCsv = (): CsvExport => {
    const [current, previous] = csvPeriodHeaders(data.range);
    return {
      filename: file('indicadores'),
      rows: [
        ['Indicador', current, previous],
        ['Recebido (R$)', centsToReais(data.received_cents.current), centsToReais(data.received_cents.previous)],
        ['Faturado (R$)', centsToReais(data.issued_cents.current), centsToReais(data.issued_cents.previous)],
        ['Faturas emitidas', data.issued.current, data.issued.previous],
        ['Em atraso agora (R$)', centsToReais(overdueCents), null],
        ['Faturas em atraso agora', overdueCount, null],
        ['MRR (R$)', centsToReais(data.mrr_cents), null],
        ['ARR (R$)', centsToReais(data.arr_cents), null],
        ['Assinaturas ativas', data.active_subscriptions, null],
        ['Assinaturas canceladas no período', data.churned_subscriptions, null],
        ['MRR cancelado no período (R$)', centsToReais(data.churned_mrr_cents), null],
        ['Churn no período (%)', data.churn_rate == null ? null : Math.round(data.churn_rate * 1000) / 10, null],
        ['Previsão para 30 dias (R$)', centsToReais(data.forecast_30_days_cents), null],
      ],
    };
  };

  return (
    <div className="space-y-4">
      <Widget title="Indicadores financeiros" csv={kpiCsv}>
        <KpiGrid>
          <KpiCard
            label="Recebido"
            testId="finance-received"
            value={money(data.received_cents.current)}
            previous={money(data.received_cents.previous)}
            change={describeChange(data.received_cents.current, data.received_cents.previous, 'up')}
            href={paths.app.finance.payments.getHref()}
            linkLabel="ver os pagamentos"
            hint="Estornos descontados"
          />
          <KpiCard
            label="Faturado"
            value={money(data.issued_cents.current)}
            previous={money(data.issued_cents.previous)}
            change={describeChange(data.issued_cents.current, data.issued_cents.previous, 'up')}
            href={paths.app.finance.invoices.getHref()}
            linkLabel="ver as faturas"
            hint={count(data.issued.current, 'fatura emitida', 'faturas emitidas')}
          />
          <KpiCard
            label="Em atraso agora"
            testId="finance-overdue"
            value={money(overdueCents)}
            href={OVERDUE_HREF}
            linkLabel="ver as faturas vencidas"
            hint={count(overdueCount, 'fatura vencida', 'faturas vencidas')}
          />
          <KpiCard
            label="MRR"
            explain={RECURRING_TERMS.mrr}
            value={money(data.mrr_cents)}
            href={paths.app.finance.subscriptions.getHref()}
            linkLabel="ver as assinaturas"
            hint={`ARR (receita anual) ${money(data.arr_cents)} · ${count(data.active_subscriptions, 'assinatura ativa', 'assinaturas ativas')}`}
          />
          <KpiCard
            label="Churn no período"
            explain={RECURRING_TERMS.churnRate}
            value={formatPercent(data.churn_rate)}
            hint={`${count(data.churned_subscriptions, 'cancelada', 'canceladas')} · ${money(data.churned_mrr_cents)} de MRR`}
          />
          <KpiCard
            label="Previsão 30 dias"
            value={money(data.forecast_30_days_cents)}
            hint="Faturas a vencer e renovações de assinaturas"
          />
        </KpiGrid>
      </Widget>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Widget
          title="Recebido e faturado por dia"
          className="xl:col-span-2"
          csv={() => ({
            filename: file('diario'),
            rows: [
              ['Dia', 'Recebido (R$)', 'Faturado (R$)'],
              ...data.daily.map((day) => [formatIsoDate(day.day), centsToReais(day.received_cents), centsToReais(day.issued_cents)]),
            ],
          })}
        >
          {data.daily.every((day) => day.received_cents === 0 && day.issued_cents === 0) ? (
            <EmptyState>Nenhum recebimento nem fatura neste período.</EmptyState>
          ) : (
            <TrendChart
              data={data.daily}
              money
              caption="Recebido e faturado por dia"
              series={[
                { key: 'received_cents', name: 'Recebido', color: CHART_COLORS.secondary },
                { key: 'issued_cents', name: 'Faturado', color: CHART_COLORS.primary },
              ]}
            />
          )}
        </Widget>

        <Widget
          title="Recebido por forma de pagamento"
          link={{ to: paths.app.finance.payments.getHref(), label: 'Ver pagamentos' }}
          csv={() => ({
            filename: file('formas-de-pagamento'),
            rows: [['Forma de pagamento', 'Pagamentos', 'Valor (R$)'], ...data.received_by_method.map((m) => [m.label, m.count, centsToReais(m.total)])],
          })}
        >
          {data.received_by_method.length === 0 ? (
            <EmptyState>Nenhum recebimento neste período.</EmptyState>
          ) : (
            <BarsChart
              bars={data.received_by_method.map((m) => ({ key: m.key || '-', label: m.label, value: m.total }))}
              name="Valor"
              labelHeader="Forma de pagamento"
              format={money}
              caption="Recebido por forma de pagamento"
              color={CHART_COLORS.secondary}
              extraColumns={{
                header: 'Pagamentos',
                cell: (bar) => formatNumber(data.received_by_method.find((m) => (m.key || '-') === bar.key)?.count ?? 0),
              }}
            />
          )}
        </Widget>

        <Widget
          title="Em atraso por idade"
          description={`Faturas vencidas e não pagas, agora (${formatIsoDate(today)})`}
          link={{ to: OVERDUE_HREF, label: 'Ver vencidas' }}
          csv={() => ({
            filename: `painel-financeiro-atraso-${today}`,
            rows: [['Atraso', 'Faturas', 'Em aberto (R$)'], ...data.overdue.map((bucket) => [bucket.label, bucket.count, centsToReais(bucket.cents)])],
          })}
        >
          {overdueCount === 0 ? (
            <EmptyState>Nenhuma fatura em atraso.</EmptyState>
          ) : (
            <BarsChart
              bars={data.overdue.map((bucket) => ({ key: bucket.key, label: bucket.label, value: bucket.cents, href: OVERDUE_HREF }))}
              name="Em aberto"
              labelHeader="Atraso"
              format={money}
              caption="Faturas em atraso por idade"
              color={CHART_COLORS.danger}
              extraColumns={{ header: 'Faturas', cell: (bar) => formatNumber(data.overdue.find((b) => b.key === bar.key)?.count ?? 0) }}
            />
          )}
        </Widget>
      </div>
    </div>
  );
}

/** "Financeiro": received and issued in the period, overdue now, recurring revenue and what should come in. */
export function FinanceSection({ query }: { query: DashboardQuery | null }) {
  const finance = useFinanceDashboard(query);
  return (
    <DashboardSection
      title="Financeiro"
      query={finance}
      loadingLabel="Carregando o financeiro…"
      errorTitle="Não foi possível carregar os números do financeiro"
    >
      {(data) => <FinanceNumbers data={data} query={query ?? { period: data.range.period }} />}
    </DashboardSection>
  );
}
