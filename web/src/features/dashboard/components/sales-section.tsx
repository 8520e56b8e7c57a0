import { Link, useNavigate } from 'react-router';
import { Bar, BarChart, Legend, Tooltip, XAxis, YAxis } from 'recharts';

import { paths } from '@/config/paths';
import type { DashboardQuery, SalesDashboard, StageValue } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { centsToReais } from '@/lib/csv';
import { formatIsoDate, formatMoney, formatNumber, todayIso } from '@/lib/format';
import { plural } from '@/lib/plural';

import { useSalesDashboard } from '../api/get-dashboard';
import { describeChange, describePointChange, formatDecimal, formatPercent, ratioOf } from '../utils/metrics';
import { periodSlug } from '../utils/period';

import { axisMoney, BarsChart, CHART_COLORS, NumbersTable, TrendChart } from './charts';
import { KpiCard, KpiGrid } from './kpi-card';
import { csvPeriodHeaders, DashboardSection } from './section';
import { EmptyState, Widget, type CsvExport } from './widget';

const count = plural;
const days = (value: number | null | undefined) => (value == null ? '—' : `${formatDecimal(value)} ${value === 1 ? 'dia' : 'dias'}`);

/** The deals' list ("?visao=lista&situacao=won"), only the salesperson's own when the numbers are theirs. */
function dealsHref(ownerId: string | null, status?: 'open' | 'won' | 'lost') {
  const params = new URLSearchParams({ visao: 'lista' });
  if (status) params.set('situacao', status);
  if (ownerId) params.set('responsavel', ownerId);
  return `${paths.app.crm.opportunities.getHref()}?${params.toString()}`;
}

const pipelineHref = (pipelineId: string) => `${paths.app.crm.opportunities.getHref()}?${new URLSearchParams({ funil: pipelineId }).toString()}`;

type PipelineGroup = { id: string; name: string; stages: StageValue[] };

function byPipeline(stages: StageValue[]): PipelineGroup[] {
  const groups: PipelineGroup[] = [];
  for (const stage of stages) {
    let group = groups.find((g) => g.id === stage.pipeline_id);
    if (!group) {
      group = { id: stage.pipeline_id, name: stage.pipeline, stages: [] };
      groups.push(group);
    }
    group.stages.push(stage);
  }
  return groups;
}

/** One pipeline's open deals by stage, in the stages' order: value and weighted value, like a funnel lying down. */
function PipelineChart({ group }: { group: PipelineGroup }) {
  const navigate = useNavigate();
  const height = group.stages.length * 44 + 40;
  return (
    <>
      <div aria-hidden="true" className="w-full" style={{ height }}>
        <BarChart
          responsive
          accessibilityLayer={false}
          layout="vertical"
          data={group.stages}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          style={{ width: '100%', height: '100%', cursor: 'pointer' }}
          onClick={() => navigate(pipelineHref(group.id))}
        >
          <XAxis type="number" tickFormatter={axisMoney} tick={{ fontSize: 11, fill: '#475569' }} />
          <YAxis
            type="category"
            dataKey="stage"
            width={120}
            tick={{ fontSize: 12, fill: '#334155' }}
            tickFormatter={(label: string) => (label.length > 18 ? `${label.slice(0, 17)}…` : label)}
          />
          <Tooltip formatter={(value) => (typeof value === 'number' ? formatMoney(value) : String(value))} cursor={{ fill: '#f1f5f9' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="value_cents" name="Valor" fill={CHART_COLORS.primary} radius={[0, 4, 4, 0]} barSize={14} isAnimationActive={false} />
          <Bar dataKey="weighted_cents" name="Ponderado" fill={CHART_COLORS.secondary} radius={[0, 4, 4, 0]} barSize={14} isAnimationActive={false} />
        </BarChart>
      </div>
      <NumbersTable
        caption={`Oportunidades em aberto por etapa: ${group.name}`}
        headers={['Etapa', 'Chance', 'Oportunidades', 'Valor', 'Ponderado']}
        rows={group.stages.map((stage) => ({
          key: stage.stage_id,
          cells: [
            stage.stage,
            `${stage.probability}%`,
            <Link key="count" to={pipelineHref(group.id)} className="text-indigo-800 hover:underline">
              {formatNumber(stage.count)}
            </Link>,
            formatMoney(stage.value_cents),
            formatMoney(stage.weighted_cents),
          ],
        }))}
      />
    </>
  );
}

function SalesNumbers({ data, query }: { data: SalesDashboard; query: DashboardQuery }) {
  const { user } = useMe();
  const own = data.scope === 'own';
  const ownerId = own ? user.id : null;
  const file = (name: string) => `painel-vendas-${name}-${periodSlug(query)}`;
  const conversion = ratioOf(data.from_chat.current, data.conversations.current);
  const previousConversion = ratioOf(data.from_chat.previous, data.conversations.previous);
  const winRate = ratioOf(data.win_rate.yes, data.win_rate.total);
  const previousWinRate = ratioOf(data.win_rate.previous_yes, data.win_rate.previous_total);
  const pipelines = byPipeline(data.pipeline);
  const openDeals = data.pipeline.reduce((sum, stage) => sum + stage.count, 0);

  const kpiCsv = (): CsvExport => {
    const [current, previous] = csvPeriodHeaders(data.range);
    return {
      filename: file('indicadores'),
      rows: [
        ['Indicador', current, previous],
        ['Pipeline aberto agora (R$)', centsToReais(data.open_value_cents), null],
        ['Previsão ponderada agora (R$)', centsToReais(data.weighted_cents), null],
        ['Oportunidades criadas', data.created.current, data.created.previous],
        ['Valor criado (R$)', centsToReais(data.created_cents.current), centsToReais(data.created_cents.previous)],
        ['Criadas em conversas', data.from_chat.current, data.from_chat.previous],
        ['Conversas abertas', data.conversations.current, data.conversations.previous],
        ['Ganhas', data.won.current, data.won.previous],
        ['Valor ganho (R$)', centsToReais(data.won_cents.current), centsToReais(data.won_cents.previous)],
        ['Perdidas', data.lost.current, data.lost.previous],
        ['Fechadas (ganhas ou perdidas)', data.win_rate.total, data.win_rate.previous_total],
        ['Ciclo médio (dias)', data.average_cycle_days, data.previous_average_cycle_days],
        ['Propostas enviadas', data.proposals_sent.current, data.proposals_sent.previous],
        ['Propostas vistas', data.proposals_viewed.current, data.proposals_viewed.previous],
        ['Propostas aceitas', data.proposals_accepted.current, data.proposals_accepted.previous],
      ],
    };
  };

  return (
    <div className="space-y-4">
      <Widget title={own ? 'Seus indicadores de vendas' : 'Indicadores de vendas'} csv={kpiCsv}>
        <KpiGrid>
          <KpiCard
            label="Pipeline aberto"
            testId="sales-open"
            value={formatMoney(data.open_value_cents)}
            hint={`Ponderado: ${formatMoney(data.weighted_cents)} · ${count(openDeals, 'oportunidade', 'oportunidades')}`}
            href={dealsHref(ownerId, 'open')}
            linkLabel="ver as oportunidades em aberto"
          />
          <KpiCard
            label="Oportunidades criadas"
            value={formatNumber(data.created.current)}
            previous={formatNumber(data.created.previous)}
            change={describeChange(data.created.current, data.created.previous, 'up')}
            hint={`${formatMoney(data.created_cents.current)} em valor`}
          />
          <KpiCard
            label="Conversão de conversas"
            value={formatPercent(conversion)}
            previous={formatPercent(previousConversion)}
            change={describePointChange(conversion, previousConversion, 'up')}
            hint={`${count(data.from_chat.current, 'oportunidade criada', 'oportunidades criadas')} em ${count(data.conversations.current, 'conversa', 'conversas')}`}
          />
          <KpiCard
            label="Ganhas"
            value={formatNumber(data.won.current)}
            previous={formatNumber(data.won.previous)}
            change={describeChange(data.won.current, data.won.previous, 'up')}
            href={dealsHref(ownerId, 'won')}
            linkLabel="ver as oportunidades ganhas"
            hint={formatMoney(data.won_cents.current)}
          />
          <KpiCard
            label="Valor ganho"
            value={formatMoney(data.won_cents.current)}
            previous={formatMoney(data.won_cents.previous)}
            change={describeChange(data.won_cents.current, data.won_cents.previous, 'up')}
          />
          <KpiCard
            label="Perdidas"
            value={formatNumber(data.lost.current)}
            previous={formatNumber(data.lost.previous)}
            change={describeChange(data.lost.current, data.lost.previous, 'down')}
            href={dealsHref(ownerId, 'lost')}
            linkLabel="ver as oportunidades perdidas"
          />
          <KpiCard
            label="Taxa de ganho"
            value={formatPercent(winRate)}
            previous={formatPercent(previousWinRate)}
            change={describePointChange(winRate, previousWinRate, 'up')}
            hint={data.win_rate.total ? `${formatNumber(data.win_rate.yes)} de ${formatNumber(data.win_rate.total)} fechadas` : 'Nenhuma fechada'}
          />
          <KpiCard
            label="Ciclo médio"
            value={days(data.average_cycle_days)}
            previous={days(data.previous_average_cycle_days)}
            change={describeChange(data.average_cycle_days, data.previous_average_cycle_days, 'down')}
            hint="Da criação ao ganho"
          />
        </KpiGrid>
      </Widget>

      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Widget
          title="Funil por etapa"
          description="Oportunidades em aberto agora: valor e valor ponderado pela chance de cada etapa"
          className="xl:col-span-2"
          csv={() => ({
            filename: `painel-vendas-funil-${todayIso()}`,
            rows: [
              ['Funil', 'Etapa', 'Chance (%)', 'Oportunidades', 'Valor (R$)', 'Ponderado (R$)'],
              ...data.pipeline.map((stage) => [
                stage.pipeline,
                stage.stage,
                stage.probability,
                stage.count,
                centsToReais(stage.value_cents),
                centsToReais(stage.weighted_cents),
              ]),
            ],
          })}
        >
          {openDeals === 0 ? (
            <EmptyState>Nenhuma oportunidade em aberto.</EmptyState>
          ) : (
            <div className="space-y-6">
              {pipelines.map((group) => (
                <div key={group.id}>
                  {pipelines.length > 1 && (
                    <h4 className="mb-2 text-sm font-semibold text-slate-700">
                      <Link to={pipelineHref(group.id)} className="hover:underline">
                        {group.name}
                      </Link>
                    </h4>
                  )}
                  <PipelineChart group={group} />
                </div>
              ))}
            </div>
          )}
        </Widget>

        <Widget
          title="Oportunidades por dia"
          description="Criadas e ganhas"
          csv={() => ({
            filename: file('diario'),
            rows: [
              ['Dia', 'Criadas', 'Ganhas', 'Valor ganho (R$)'],
              ...data.daily.map((day) => [formatIsoDate(day.day), day.created, day.won, centsToReais(day.won_cents)]),
            ],
          })}
        >
          {data.daily.every((day) => day.created === 0 && day.won === 0) ? (
            <EmptyState>Nenhuma oportunidade neste período.</EmptyState>
          ) : (
            <TrendChart
              data={data.daily}
              caption="Oportunidades criadas e ganhas por dia"
              series={[
                { key: 'created', name: 'Criadas', color: CHART_COLORS.primary },
                { key: 'won', name: 'Ganhas', color: CHART_COLORS.secondary },
              ]}
            />
          )}
        </Widget>

        <Widget
          title="Propostas"
          description="Enviadas, vistas pelo cliente e aceitas no período"
          link={{ to: paths.app.crm.proposals.getHref(), label: 'Ver propostas' }}
          csv={() => {
            const [current, previous] = csvPeriodHeaders(data.range);
            return {
              filename: file('propostas'),
              rows: [
                ['Propostas', current, previous],
                ['Enviadas', data.proposals_sent.current, data.proposals_sent.previous],
                ['Vistas', data.proposals_viewed.current, data.proposals_viewed.previous],
                ['Aceitas', data.proposals_accepted.current, data.proposals_accepted.previous],
              ],
            };
          }}
        >
          {data.proposals_sent.current + data.proposals_viewed.current + data.proposals_accepted.current === 0 ? (
            <EmptyState>Nenhuma proposta neste período.</EmptyState>
          ) : (
            <BarsChart
              bars={[
                { key: 'sent', label: 'Enviadas', value: data.proposals_sent.current, href: paths.app.crm.proposals.getHref() },
                { key: 'viewed', label: 'Vistas', value: data.proposals_viewed.current },
                {
                  key: 'accepted',
                  label: 'Aceitas',
                  value: data.proposals_accepted.current,
                  href: `${paths.app.crm.proposals.getHref()}?situacao=accepted`,
                },
              ]}
              name="Propostas"
              labelHeader="Etapa"
              caption="Propostas enviadas, vistas e aceitas"
              color={CHART_COLORS.secondary}
              extraColumns={{
                header: 'Período anterior',
                cell: (bar) =>
                  formatNumber(
                    bar.key === 'sent' ? data.proposals_sent.previous : bar.key === 'viewed' ? data.proposals_viewed.previous : data.proposals_accepted.previous,
                  ),
              }}
            />
          )}
        </Widget>
      </div>
    </div>
  );
}

/** "Vendas": the open pipeline now, and the period's deals, win rate, cycle and proposals. */
export function SalesSection({ query }: { query: DashboardQuery | null }) {
  const sales = useSalesDashboard(query);
  return (
    <DashboardSection
      title="Vendas"
      query={sales}
      ownText="oportunidades e propostas suas"
      loadingLabel="Carregando as vendas…"
      errorTitle="Não foi possível carregar os números de vendas"
    >
      {(data) => <SalesNumbers data={data} query={query ?? { period: data.range.period }} />}
    </DashboardSection>
  );
}
