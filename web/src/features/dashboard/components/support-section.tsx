import { paths } from '@/config/paths';
import type { DashboardQuery, Sentiment, Share, SupportDashboard } from '@/lib/api/models';
import { formatIsoDate, formatNumber, todayIso } from '@/lib/format';

import { useSupportDashboard } from '../api/get-dashboard';
import { describeChange, describePointChange, formatDecimal, formatDuration, formatPercent, ratioOf } from '../utils/metrics';
import { periodSlug } from '../utils/period';

import { BarsChart, CHART_COLORS, TrendChart, type BarDatum } from './charts';
import { KpiCard, KpiGrid } from './kpi-card';
import { csvPeriodHeaders, DashboardSection } from './section';
import { EmptyState, Widget, type CsvExport } from './widget';

const SENTIMENTS: readonly string[] = ['very_negative', 'negative', 'neutral', 'positive', 'very_positive'] satisfies Sentiment[];

/** The inbox with its filters ("visao=all&situacao=any"): an agent's own tickets, or everyone's. */
function inboxHref(own: boolean, filters: Record<string, string> = {}) {
  return paths.app.support.root.getHref(new URLSearchParams({ visao: own ? 'mine' : 'all', ...filters }).toString());
}

const shareBars = (shares: Share[], href?: (share: Share) => string | undefined): BarDatum[] =>
  shares.map((share) => ({ key: share.key || '-', label: share.label, value: share.count, href: href?.(share) }));

const shareCsv = (filename: string, header: string, shares: Share[]): CsvExport => ({
  filename,
  rows: [[header, 'Conversas'], ...shares.map((share) => [share.label, share.count])],
});

function SupportNumbers({ data, query }: { data: SupportDashboard; query: DashboardQuery }) {
  const own = data.scope === 'own';
  const file = (name: string) => `painel-atendimento-${name}-${periodSlug(query)}`;
  const sla = ratioOf(data.sla.yes, data.sla.total);
  const previousSla = ratioOf(data.sla.previous_yes, data.sla.previous_total);
  const backlog = data.backlog.reduce((sum, queue) => sum + queue.open, 0);
  const nothingOpened = data.opened.current === 0;
  const first = data.first_response;
  const resolution = data.resolution;
  const csat = data.csat;

  const kpiCsv = (): CsvExport => {
    const [current, previous] = csvPeriodHeaders(data.range);
    return {
      filename: file('indicadores'),
      rows: [
        ['Indicador', current, previous],
        ['Novas conversas', data.opened.current, data.opened.previous],
        ['Resolvidas', data.resolved.current, data.resolved.previous],
        ['Primeira resposta: mediana (segundos)', first.median_secs, first.previous_median_secs],
        ['Primeira resposta: 90% até (segundos)', first.p90_secs, first.previous_p90_secs],
        ['Primeiras respostas', first.count, first.previous_count],
        ['Resolução: mediana (segundos)', resolution.median_secs, resolution.previous_median_secs],
        ['Resolução: 90% até (segundos)', resolution.p90_secs, resolution.previous_p90_secs],
        ['SLA cumprido', data.sla.yes, data.sla.previous_yes],
        ['Resolvidas com SLA', data.sla.total, data.sla.previous_total],
        ['CSAT médio (1 a 5)', csat.average, csat.previous_average],
        ['Avaliações CSAT', csat.responses, csat.previous_responses],
        ['Em aberto agora', backlog, null],
      ],
    };
  };

  return (
    <div className="space-y-4">
      <Widget title={own ? 'Seus indicadores de atendimento' : 'Indicadores de atendimento'} csv={kpiCsv}>
        <KpiGrid>
          <KpiCard
            label="Novas conversas"
            testId="support-opened"
            value={formatNumber(data.opened.current)}
            previous={formatNumber(data.opened.previous)}
            change={describeChange(data.opened.current, data.opened.previous, 'neutral')}
            href={inboxHref(own, { situacao: 'any' })}
            linkLabel="ver as conversas"
          />
          <KpiCard
            label="Resolvidas"
            testId="support-resolved"
            value={formatNumber(data.resolved.current)}
            previous={formatNumber(data.resolved.previous)}
            change={describeChange(data.resolved.current, data.resolved.previous, 'up')}
            href={inboxHref(own, { situacao: 'resolved' })}
            linkLabel="ver as resolvidas"
          />
          <KpiCard
            label="Primeira resposta (mediana)"
            value={formatDuration(first.median_secs)}
            previous={formatDuration(first.previous_median_secs)}
            change={describeChange(first.median_secs, first.previous_median_secs, 'down')}
            hint={first.count ? `90% em até ${formatDuration(first.p90_secs)}, em horário comercial` : 'Nenhuma primeira resposta no período'}
          />
          <KpiCard
            label="Tempo de resolução (mediana)"
            value={formatDuration(resolution.median_secs)}
            previous={formatDuration(resolution.previous_median_secs)}
            change={describeChange(resolution.median_secs, resolution.previous_median_secs, 'down')}
            hint={resolution.count ? `90% em até ${formatDuration(resolution.p90_secs)}` : 'Nenhuma resolvida no período'}
          />
          <KpiCard
            label="SLA cumprido"
            value={formatPercent(sla)}
            previous={formatPercent(previousSla)}
            change={describePointChange(sla, previousSla, 'up')}
            hint={data.sla.total ? `${formatNumber(data.sla.yes)} de ${formatNumber(data.sla.total)} com SLA` : 'Nenhuma resolvida com SLA'}
          />
          <KpiCard
            label="Satisfação (CSAT)"
            value={csat.average == null ? '—' : `${formatDecimal(csat.average)} / 5`}
            previous={csat.previous_average == null ? '—' : `${formatDecimal(csat.previous_average)} / 5`}
            change={describeChange(csat.average, csat.previous_average, 'up')}
            hint={csat.responses === 1 ? '1 avaliação' : `${formatNumber(csat.responses)} avaliações`}
          />
          <KpiCard
            label="Em aberto agora"
            testId="support-backlog"
            value={formatNumber(backlog)}
            href={inboxHref(own)}
            linkLabel="ver as conversas em aberto"
          />
        </KpiGrid>
      </Widget>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Widget
          title="Conversas por dia"
          description="Abertas e resolvidas"
          csv={() => ({
            filename: file('diario'),
            rows: [['Dia', 'Abertas', 'Resolvidas'], ...data.daily.map((day) => [formatIsoDate(day.day), day.opened, day.resolved])],
          })}
        >
          {data.daily.every((day) => day.opened === 0 && day.resolved === 0) ? (
            <EmptyState>Nenhuma conversa neste período.</EmptyState>
          ) : (
            <TrendChart
              data={data.daily}
              caption="Conversas abertas e resolvidas por dia"
              series={[
                { key: 'opened', name: 'Abertas', color: CHART_COLORS.primary },
                { key: 'resolved', name: 'Resolvidas', color: CHART_COLORS.secondary },
              ]}
            />
          )}
        </Widget>

        <Widget
          title="Por canal"
          csv={() => shareCsv(file('canais'), 'Canal', data.by_channel)}
        >
          {nothingOpened || data.by_channel.length === 0 ? (
            <EmptyState>Nenhuma conversa neste período.</EmptyState>
          ) : (
            <BarsChart bars={shareBars(data.by_channel)} name="Conversas" labelHeader="Canal" caption="Conversas por canal" />
          )}
        </Widget>

        <Widget title="Por categoria" csv={() => shareCsv(file('categorias'), 'Categoria', data.by_category)}>
          {nothingOpened || data.by_category.length === 0 ? (
            <EmptyState>Nenhuma conversa neste período.</EmptyState>
          ) : (
            <BarsChart
              bars={shareBars(data.by_category)}
              name="Conversas"
              labelHeader="Categoria"
              caption="Conversas por categoria"
              color={CHART_COLORS.tertiary}
            />
          )}
        </Widget>

        <Widget title="Por sentimento" description="Como os clientes chegaram, segundo a triagem" csv={() => shareCsv(file('sentimento'), 'Sentimento', data.by_sentiment)}>
          {nothingOpened || data.by_sentiment.length === 0 ? (
            <EmptyState>Nenhuma conversa neste período.</EmptyState>
          ) : (
            <BarsChart
              bars={shareBars(data.by_sentiment, (share) =>
                SENTIMENTS.includes(share.key) ? inboxHref(own, { situacao: 'any', sentimento: share.key }) : undefined,
              )}
              name="Conversas"
              labelHeader="Sentimento"
              caption="Conversas por sentimento"
              color={CHART_COLORS.secondary}
            />
          )}
        </Widget>

        <Widget
          title="Em aberto por equipe"
          description="Agora, seja qual for o período"
          link={{ to: inboxHref(own), label: 'Abrir o atendimento' }}
          csv={() => ({
            filename: `painel-atendimento-fila-${todayIso()}`,
            rows: [['Equipe', 'Em aberto'], ...data.backlog.map((queue) => [queue.team ?? 'Sem equipe', queue.open])],
          })}
        >
          {backlog === 0 ? (
            <EmptyState>Nenhuma conversa em aberto.</EmptyState>
          ) : (
            <BarsChart
              bars={data.backlog.map((queue) => ({ key: queue.team_id ?? 'none', label: queue.team ?? 'Sem equipe', value: queue.open }))}
              name="Em aberto"
              labelHeader="Equipe"
              caption="Conversas em aberto por equipe"
              color={CHART_COLORS.danger}
            />
          )}
        </Widget>

        <Widget
          title="Notas de satisfação"
          description="Respostas por nota, de 1 a 5"
          csv={() => ({
            filename: file('csat'),
            rows: [['Nota', 'Respostas'], ...csat.distribution.map((count, index) => [index + 1, count])],
          })}
        >
          {csat.responses === 0 ? (
            <EmptyState>Nenhuma avaliação neste período.</EmptyState>
          ) : (
            <BarsChart
              bars={csat.distribution.map((count, index) => ({ key: String(index + 1), label: `Nota ${index + 1}`, value: count })).reverse()}
              name="Respostas"
              labelHeader="Nota"
              caption="Respostas de satisfação por nota"
              color={CHART_COLORS.tertiary}
            />
          )}
        </Widget>
      </div>
    </div>
  );
}

/** "Atendimento": conversations, response times, SLA, satisfaction and the open backlog. */
export function SupportSection({ query }: { query: DashboardQuery | null }) {
  const support = useSupportDashboard(query);
  return (
    <DashboardSection
      title="Atendimento"
      query={support}
      ownText="conversas atribuídas a você"
      loadingLabel="Carregando o atendimento…"
      errorTitle="Não foi possível carregar os números do atendimento"
    >
      {(data) => <SupportNumbers data={data} query={query ?? { period: data.range.period }} />}
    </DashboardSection>
  );
}
