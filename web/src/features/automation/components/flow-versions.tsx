import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import type { Flow } from '@/lib/api/models';
import { EVENT_LABELS } from '@/lib/event-labels';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useVersions } from '../api/flows';

import { ACTION_LABELS } from './labels';

/** Every published version of a flow, newest first; the one that runs now is marked. */
export function FlowVersions({ flow }: { flow: Flow }) {
  const versions = useVersions(flow.id);
  if (versions.isPending) return <PageSpinner label="Carregando versões…" />;
  if (versions.isError) return <Alert title="Não foi possível carregar as versões">{problemMessage(versions.error)}</Alert>;
  if (versions.data.length === 0) return <p className="text-sm text-slate-600">Este fluxo ainda não foi publicado: ative-o para criar a versão 1.</p>;
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Versões de {flow.name}</caption>
      <thead>
        <tr className="text-slate-600">
          <th scope="col" className="py-1 pr-3 font-medium">Versão</th>
          <th scope="col" className="py-1 pr-3 font-medium">Publicada em</th>
          <th scope="col" className="py-1 pr-3 font-medium">Definição</th>
          <th scope="col" className="py-1 font-medium">Situação</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {versions.data.map((v) => (
          <tr key={v.version} className="align-top">
            <td className="py-2 pr-3">versão {v.version}</td>
            <td className="py-2 pr-3 whitespace-nowrap">{formatDateTime(v.published_at)}</td>
            <td className="py-2 pr-3 text-slate-700">
              {EVENT_LABELS[v.definition.trigger_kind]}
              {v.definition.schedule && ` (${v.definition.schedule})`} → {v.definition.actions.map((a) => ACTION_LABELS[a.type]).join(', ')}
            </td>
            <td className="py-2">
              {v.current ? (
                <span className="rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">Atual</span>
              ) : (
                <span className="text-xs text-slate-500">Anterior</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
