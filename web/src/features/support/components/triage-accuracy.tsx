import { Spinner } from '@/components/ui/spinner';
import type { AccuracyRow, TriageAccuracy as Accuracy } from '@/lib/api/models';
import { formatNumber } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useTriageAccuracy } from '../api/triage';
import { formatShare, modelLine } from '../utils/triage';

import { triageEngineLabel } from './labels';

const DAYS = 30;

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

function RowsTable({ caption, keyLabel, rows, name }: { caption: string; keyLabel: string; rows: AccuracyRow[]; name: (key: string | null) => string }) {
  if (rows.length === 0) return null;
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="pb-1 text-left text-sm font-medium text-slate-800">{caption}</caption>
        <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              {keyLabel}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Triados
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Corrigidos
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Precisão
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.key ?? ''}>
              <th scope="row" className="px-3 py-2 font-normal text-slate-800">
                {name(row.key ?? null)}
              </th>
              <td className="px-3 py-2 text-right text-slate-700 tabular-nums">{formatNumber(row.triaged)}</td>
              <td className="px-3 py-2 text-right text-slate-700 tabular-nums">{formatNumber(row.corrected)}</td>
              <td className="px-3 py-2 text-right text-slate-900 tabular-nums">{formatShare(row.accuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Report({ report }: { report: Accuracy }) {
  if (report.triaged === 0 || report.accuracy == null) {
    return <p className="text-sm text-slate-600">Nenhum ticket triado nos últimos {DAYS} dias.</p>;
  }
  return (
    <>
      <dl className="grid gap-3 sm:grid-cols-3">
        <Stat label="Precisão" value={formatShare(report.accuracy)} />
        <Stat label="Tickets triados" value={formatNumber(report.triaged)} />
        <Stat label="Corrigidos pela equipe" value={formatNumber(report.corrected)} />
      </dl>
      <p className="text-xs text-slate-500">
        Precisão é a parte dos tickets cuja categoria, prioridade e equipe ninguém precisou mudar depois da triagem.
      </p>
      <div className="space-y-4">
        <RowsTable caption="Por categoria" keyLabel="Categoria" rows={report.by_category} name={(key) => key ?? 'Sem categoria'} />
        <RowsTable caption="Por quem decidiu" keyLabel="Decidido por" rows={report.by_engine} name={(key) => (key ? triageEngineLabel(key) : '—')} />
      </div>
    </>
  );
}

/** "Precisão da triagem": tickets of the last 30 days whose triage no agent corrected (owners, admins, managers). */
export function TriageAccuracyCard() {
  const accuracy = useTriageAccuracy(DAYS);
  return (
    <section aria-labelledby="triage-accuracy-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="triage-accuracy-title" className="text-base font-semibold text-slate-900">
        Precisão da triagem ({DAYS} dias)
      </h2>
      {accuracy.isPending ? (
        <Spinner size="sm" label="Carregando a precisão…" />
      ) : accuracy.isError ? (
        <p className="text-sm text-red-700">{problemMessage(accuracy.error)}</p>
      ) : (
        <>
          <Report report={accuracy.data} />
          <p className="text-sm text-slate-700">{modelLine(accuracy.data)}</p>
        </>
      )}
    </section>
  );
}
