import { useId, useState } from 'react';

import { Spinner } from '@/components/ui/spinner';
import { UsageBar } from '@/components/ui/usage-bar';
import type { AiUsage, AiUsageRow } from '@/lib/api/models';
import { formatMonth, formatNumber, formatUsd } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useAiUsage } from '../api/ai';

import { aiFeatureLabel, aiOutcomeLabel, triageEngineLabel } from './labels';

/** This month as the server counts it: `YYYY-MM` in UTC (support::triage::http::ai_usage). */
export const currentUsageMonth = (now: Date = new Date()) => now.toISOString().slice(0, 7);

const cell = 'px-3 py-2 text-right text-slate-700 tabular-nums';

function UsageRow({ row }: { row: AiUsageRow }) {
  return (
    <tr>
      <th scope="row" className="px-3 py-2 font-normal text-slate-800">
        {aiFeatureLabel(row.feature)}
      </th>
      <td className="px-3 py-2 text-slate-700">
        {/* An over-limit call never reached a model: the company's choice may be the provider's default (""). */}
        <span className="block">{row.model || 'modelo padrão'}</span>
        <span className="block text-xs text-slate-500">{triageEngineLabel(row.engine)}</span>
      </td>
      <td className="px-3 py-2 text-slate-700">{aiOutcomeLabel(row.outcome)}</td>
      <td className={cell}>{formatNumber(row.calls)}</td>
      <td className={cell}>{formatNumber(row.input_tokens)}</td>
      <td className={cell}>{formatNumber(row.output_tokens)}</td>
      <td className={cell}>{row.estimated_cost_usd == null ? '—' : formatUsd(row.estimated_cost_usd)}</td>
    </tr>
  );
}

/** The month's numbers: the plan's triages, the token budget, and each kind of call. */
export function AiUsageReport({ usage }: { usage: AiUsage }) {
  const month = formatMonth(usage.month);
  return (
    <div className="space-y-4">
      <div className="grid gap-5 sm:grid-cols-2">
        <UsageBar label="Triagens por IA" used={usage.triages} limit={usage.triage_limit} format={formatNumber} />
        {usage.token_budget == null ? (
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-800">Tokens:</span> {formatNumber(usage.tokens)} — sem limite definido, pois a IA está desligada.
          </p>
        ) : (
          <UsageBar label="Tokens" used={usage.tokens} limit={usage.token_budget} format={formatNumber} />
        )}
      </div>
      <p className="text-xs text-slate-500">O limite do plano conta as triagens respondidas pela IA; tokens somam entrada e saída de todas as chamadas.</p>
      {usage.rows.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-3 py-4 text-center text-sm text-slate-600">Nenhuma chamada à IA em {month}.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="pb-1 text-left text-sm font-medium text-slate-800">Chamadas em {month}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Recurso
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Modelo
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Resultado
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Chamadas
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Tokens de entrada
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Tokens de saída
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Custo estimado
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {usage.rows.map((row) => (
                <UsageRow key={`${row.feature}|${row.engine}|${row.model}|${row.outcome}`} row={row} />
              ))}
            </tbody>
          </table>
          <p className="mt-1 text-xs text-slate-500">Custo pelo preço de tabela do provedor, em dólares; “—” quando o modelo não tem preço conhecido.</p>
        </div>
      )}
    </div>
  );
}

/** "Uso do mês": a month picker (this month first) over the report. */
export function AiUsageCard() {
  const [month, setMonth] = useState(currentUsageMonth);
  const usage = useAiUsage(month);
  const monthId = useId();
  const thisMonth = currentUsageMonth();
  return (
    <section aria-labelledby="ai-usage-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="ai-usage-title" className="text-base font-semibold text-slate-900">
          Uso do mês
        </h2>
        <div className="space-y-1">
          <label htmlFor={monthId} className="block text-sm font-medium text-slate-800">
            Mês
          </label>
          <input
            id={monthId}
            type="month"
            value={month}
            max={thisMonth}
            // Clearing the picker would ask for no month at all: back to this one.
            onChange={(event) => setMonth(/^\d{4}-\d{2}$/.test(event.target.value) ? event.target.value : thisMonth)}
            className="block rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900"
          />
        </div>
      </div>
      {usage.isPending ? (
        <Spinner size="sm" label="Carregando o uso…" />
      ) : usage.isError ? (
        <p className="text-sm text-red-700">{problemMessage(usage.error)}</p>
      ) : (
        <AiUsageReport usage={usage.data} />
      )}
      <p className="text-xs text-slate-500">Meses contados em UTC (começam às 21h do último dia do mês anterior, no horário de Brasília).</p>
    </section>
  );
}
