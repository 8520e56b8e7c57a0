import type { AgentBoard, DashboardQuery } from '@/lib/api/models';
import { formatNumber } from '@/lib/format';

import { useAgentBoard } from '../api/get-dashboard';
import { formatDecimal, formatDuration } from '../utils/metrics';
import { periodSlug } from '../utils/period';

import { DashboardSection } from './section';
import { EmptyState, Widget } from './widget';

function Board({ data, query }: { data: AgentBoard; query: DashboardQuery }) {
  const most = Math.max(1, ...data.agents.map((agent) => agent.resolved));
  return (
    <Widget
      title="Ranking de atendentes"
      description="Quem mais resolveu no período, com a mediana da primeira resposta e a satisfação"
      csv={() => ({
        filename: `painel-equipe-${periodSlug(query)}`,
        rows: [
          ['Posição', 'Atendente', 'Resolvidas', 'Primeiras respostas', 'Primeira resposta: mediana (segundos)', 'CSAT médio (1 a 5)', 'Avaliações CSAT'],
          ...data.agents.map((agent, index) => [
            index + 1,
            agent.name,
            agent.resolved,
            agent.first_responses,
            agent.first_response_median_secs,
            agent.csat_average,
            agent.csat_responses,
          ]),
        ],
      })}
    >
      {data.agents.length === 0 ? (
        <EmptyState>Nenhum atendimento neste período.</EmptyState>
      ) : (
        <div className="relative -mx-4 overflow-x-auto sm:-mx-5">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Ranking de atendentes no período</caption>
            <thead className="bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th scope="col" className="w-10 px-4 py-2 sm:px-5">
                  #
                </th>
                <th scope="col" className="px-3 py-2">
                  Atendente
                </th>
                <th scope="col" className="px-3 py-2">
                  Resolvidas
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  1ª resposta (mediana)
                </th>
                <th scope="col" className="px-4 py-2 text-right sm:px-5">
                  CSAT
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.agents.map((agent, index) => (
                <tr key={agent.user_id}>
                  <td className="px-4 py-2 text-slate-500 tabular-nums sm:px-5">{index + 1}</td>
                  <th scope="row" className="px-3 py-2 font-medium text-slate-900">
                    {agent.name}
                  </th>
                  <td className="px-3 py-2">
                    <div className="flex items-center gap-2">
                      <span className="w-8 text-right tabular-nums">{formatNumber(agent.resolved)}</span>
                      <span aria-hidden="true" className="h-2 flex-1 rounded-full bg-slate-100">
                        <span className="block h-2 rounded-full bg-indigo-600" style={{ width: `${(agent.resolved / most) * 100}%` }} />
                      </span>
                    </div>
                  </td>
                  <td className="px-3 py-2 text-right whitespace-nowrap tabular-nums">
                    {formatDuration(agent.first_response_median_secs)}
                    <span className="block text-xs text-slate-500">
                      {agent.first_responses === 1 ? '1 resposta' : `${formatNumber(agent.first_responses)} respostas`}
                    </span>
                  </td>
                  <td className="px-4 py-2 text-right whitespace-nowrap tabular-nums sm:px-5">
                    {agent.csat_average == null ? '—' : `${formatDecimal(agent.csat_average)} / 5`}
                    <span className="block text-xs text-slate-500">
                      {agent.csat_responses === 1 ? '1 avaliação' : `${formatNumber(agent.csat_responses)} avaliações`}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Widget>
  );
}

/** "Equipe": the agents' leaderboard (owners, admins and managers). */
export function AgentsSection({ query }: { query: DashboardQuery | null }) {
  const board = useAgentBoard(query);
  return (
    <DashboardSection title="Equipe" query={board} compared={false} loadingLabel="Carregando a equipe…" errorTitle="Não foi possível carregar o ranking da equipe">
      {(data) => <Board data={data} query={query ?? { period: data.range.period }} />}
    </DashboardSection>
  );
}
