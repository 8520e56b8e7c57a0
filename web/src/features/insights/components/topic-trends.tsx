import { oneOf, useUrlFilters } from '@/components/list/use-url-filters';
import { Alert } from '@/components/ui/alert';
import { SelectField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import type { CategoryTrend } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatDate, formatNumber } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useTopicTrends } from '../api/topic-trends';
import { describeChange, risingTermLabel } from '../utils/trends';

import { TREND_PERIODS } from './labels';

const CHANGE_STYLES = { up: 'text-red-700', down: 'text-emerald-700', flat: 'text-slate-600', none: 'text-slate-400' } as const;

function TrendRow({ trend }: { trend: CategoryTrend }) {
  const change = describeChange(trend.change_pct);
  return (
    <tr className="align-top">
      <th scope="row" className="px-4 py-3 text-left font-medium text-slate-900">
        {trend.category ?? 'Sem categoria'}
      </th>
      <td className="px-4 py-3 text-right tabular-nums">{formatNumber(trend.current)}</td>
      <td className="px-4 py-3 text-right text-slate-600 tabular-nums">{formatNumber(trend.previous)}</td>
      <td className={cn('px-4 py-3 text-right whitespace-nowrap tabular-nums', CHANGE_STYLES[change.direction])}>{change.text}</td>
      <td className="px-4 py-3">
        {trend.rising.length > 0 ? (
          <ul aria-label={`Palavras em alta em ${trend.category ?? 'Sem categoria'}`} className="flex flex-wrap gap-1">
            {trend.rising.map((term) => (
              <li key={term.term} className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                {risingTermLabel(term)}
              </li>
            ))}
          </ul>
        ) : (
          <span className="text-slate-400">—</span>
        )}
      </td>
    </tr>
  );
}

/** "Tendências": tickets by category in the last 7 or 30 days against the period before, and the words on the rise. */
export function TopicTrendsReport() {
  const { values, setFilter } = useUrlFilters(['dias']);
  const days = Number(oneOf(TREND_PERIODS.map(String), values.dias) || TREND_PERIODS[0]);
  const trends = useTopicTrends(days);

  return (
    <section aria-labelledby="trends-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <h2 id="trends-title" className="sr-only">
        Tendências dos chamados
      </h2>
      <div className="flex flex-wrap items-end justify-between gap-3 border-b border-slate-200 p-4">
        <SelectField label="Período" value={String(days)} onChange={(event) => setFilter('dias', event.target.value)} wrapperClassName="w-48">
          {TREND_PERIODS.map((period) => (
            <option key={period} value={period}>
              {period} dias
            </option>
          ))}
        </SelectField>
        {trends.data && (
          <p className="text-sm text-slate-600">
            De {formatDate(trends.data.from)} a {formatDate(trends.data.to)}, comparado aos {trends.data.days} dias anteriores.
          </p>
        )}
      </div>
      {trends.isPending ? (
        <PageSpinner label="Lendo os chamados…" />
      ) : trends.isError ? (
        <div className="p-4">
          <Alert title="Não foi possível carregar as tendências">{problemMessage(trends.error)}</Alert>
        </div>
      ) : trends.data.categories.length === 0 ? (
        <p role="status" className="p-6 text-center text-sm text-slate-600">
          Nenhum chamado aberto neste período nem no anterior.
        </p>
      ) : (
        <>
          {trends.data.truncated && (
            <p className="border-b border-slate-200 bg-amber-50 px-4 py-2 text-xs text-amber-900">
              Muitos chamados no período: só os mais recentes foram lidos.
            </p>
          )}
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">Chamados por categoria</caption>
              <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Categoria
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Chamados no período
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Período anterior
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Variação
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Palavras em alta
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {trends.data.categories.map((trend) => (
                  <TrendRow key={trend.category ?? ''} trend={trend} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
