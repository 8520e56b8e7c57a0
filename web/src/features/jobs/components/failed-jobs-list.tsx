import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { formatDateTime, formatNumber } from '@/lib/format';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

import { DEAD_JOBS_LIMIT, useDeadJobs } from '../api/get-dead-jobs';
import { useRetryJob } from '../api/retry-job';

import { jobKindLabel } from './job-labels';

/** Tasks that failed every automatic attempt, each with "Tentar de novo". */
export function FailedJobsList() {
  const jobs = useDeadJobs();
  const retry = useRetryJob();
  const [retried, setRetried] = useState<string | null>(null);

  return (
    <section aria-labelledby="failed-jobs-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 p-4">
        <h2 id="failed-jobs-title" className="text-base font-semibold text-slate-900">
          {jobs.data
            ? `${plural(jobs.data.items.length, 'tarefa', 'tarefas')} sem sucesso`
            : 'Tarefas sem sucesso'}
        </h2>
        <Button variant="secondary" size="sm" onClick={() => jobs.refetch()} isLoading={jobs.isFetching && !jobs.isPending}>
          Atualizar
        </Button>
      </div>
      <div aria-live="polite">
        {retried && (
          <div className="p-4 pb-0">
            <Alert tone="success">{retried}</Alert>
          </div>
        )}
      </div>
      <div aria-live="assertive">
        {retry.isError && (
          <div className="p-4 pb-0">
            <Alert title="Não foi possível tentar de novo">{problemMessage(retry.error)}</Alert>
          </div>
        )}
      </div>
      {jobs.isPending ? (
        <PageSpinner label="Carregando as tarefas…" />
      ) : jobs.isError ? (
        <div className="p-4">
          <Alert title="Não foi possível carregar as tarefas">{problemMessage(jobs.error)}</Alert>
        </div>
      ) : jobs.data.items.length === 0 ? (
        <div className="p-10 text-center">
          <p className="text-base font-medium text-slate-900">Nenhuma tarefa falhou</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
            Aqui aparecem as tarefas feitas em segundo plano — como o envio de e-mails e de propostas ou a importação de
            clientes — que falharam em todas as tentativas automáticas.
          </p>
        </div>
      ) : (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[44rem] text-left text-sm">
              <caption className="sr-only">Tarefas com falha</caption>
              <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Tipo
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Tentativas
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Último erro
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Quando
                  </th>
                  <th scope="col" className="px-4 py-3 font-medium">
                    <span className="sr-only">Ações</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {jobs.data.items.map((job) => {
                  const label = jobKindLabel(job.kind);
                  const retrying = retry.isPending && retry.variables === job.id;
                  return (
                    <tr key={job.id} className="align-top">
                      <td className="px-4 py-3">
                        <p className="font-medium text-slate-900">{label}</p>
                        {label !== job.kind && <p className="font-mono text-xs text-slate-500">{job.kind}</p>}
                      </td>
                      <td className="px-4 py-3 text-right text-slate-700 tabular-nums">{formatNumber(job.attempts)}</td>
                      <td className="px-4 py-3">
                        <p className="max-h-24 max-w-lg overflow-auto font-mono text-xs break-words whitespace-pre-wrap text-slate-700">
                          {job.last_error || '—'}
                        </p>
                      </td>
                      <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                        {formatDateTime(job.dead_at ?? job.created_at)}
                      </td>
                      <td className="px-4 py-3 text-right">
                        <Button
                          size="sm"
                          variant="secondary"
                          className="whitespace-nowrap"
                          isLoading={retrying}
                          disabled={retry.isPending && !retrying}
                          aria-label={`Tentar de novo: ${label} #${job.id}`}
                          onClick={() => {
                            setRetried(null);
                            retry.mutate(job.id, {
                              onSuccess: () => setRetried(`${label} #${job.id} voltou para a fila e será executada em instantes.`),
                            });
                          }}
                        >
                          Tentar de novo
                        </Button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {jobs.data.items.length >= DEAD_JOBS_LIMIT && (
            <p className="border-t border-slate-100 p-4 text-sm text-slate-600">
              Mostrando as {formatNumber(DEAD_JOBS_LIMIT)} mais recentes.
            </p>
          )}
        </>
      )}
    </section>
  );
}
