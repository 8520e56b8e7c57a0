import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { CustomerImport } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { saveBlob } from '@/lib/download';
import { formatDateTime, formatNumber } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useCustomerImport } from '../api/get-customer-import';
import {
  errorFieldLabel,
  errorsFileName,
  errorsToCsv,
  IMPORT_STATUS_LABELS,
  IMPORT_STATUS_STYLES,
  isImportInProgress,
  progressPercent,
} from '../utils/customer-import';

/** The server keeps at most this many row errors. */
const MAX_KEPT_ERRORS = 1000;

type ImportResultProps = {
  id: string;
  /** Again with the same file and columns, skipping the bad rows. */
  onRetrySkipping: (failed: CustomerImport) => void;
  isRetrying: boolean;
  retryError: string | null;
  onNewFile: () => void;
};

/** Step 3: progress while it runs (polled every second), then the counts and the rows that failed. */
export function ImportResult({ id, onRetrySkipping, isRetrying, retryError, onNewFile }: ImportResultProps) {
  const query = useCustomerImport(id);

  if (query.isPending) return <PageSpinner label="Carregando a importação…" />;
  if (query.isError) {
    return (
      <div className="space-y-4">
        <Alert title="Não foi possível carregar a importação">
          {isApiError(query.error) && query.error.status === 404
            ? 'Esta importação não existe ou é de outra empresa.'
            : problemMessage(query.error)}
        </Alert>
        <Button variant="secondary" onClick={onNewFile}>
          Importar um arquivo
        </Button>
      </div>
    );
  }

  const item = query.data;
  const running = isImportInProgress(item.status);
  const percent = progressPercent(item.processed_rows, item.total_rows);
  const progressText = `${formatNumber(item.processed_rows)} de ${formatNumber(item.total_rows)} linhas`;

  return (
    <div className="space-y-6">
      <section aria-labelledby="import-status-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div>
            <h2 id="import-status-title" className="text-base font-semibold break-all text-slate-900">
              {item.filename}
            </h2>
            <p className="text-sm text-slate-600">
              Enviado em {formatDateTime(item.created_at)}
              {item.finished_at && ` · terminou em ${formatDateTime(item.finished_at)}`}
              {item.skip_invalid ? ' · pulando as linhas com erro' : ' · tudo ou nada'}
            </p>
          </div>
          <span
            className={cn('rounded-full px-2 py-0.5 text-xs font-medium', IMPORT_STATUS_STYLES[item.status])}
            data-testid="import-status"
          >
            {IMPORT_STATUS_LABELS[item.status]}
          </span>
        </div>

        {(running || item.status === 'uploaded') && (
          <div className="space-y-1" aria-live="polite">
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">
                {item.status === 'queued'
                  ? 'Na fila: a importação começa em instantes…'
                  : item.status === 'running'
                    ? 'Importando…'
                    : 'Esta importação não foi iniciada.'}
              </span>
              <span className="text-slate-600 tabular-nums">{progressText}</span>
            </div>
            <div
              role="progressbar"
              aria-label="Progresso da importação"
              aria-valuemin={0}
              aria-valuemax={item.total_rows}
              aria-valuenow={item.processed_rows}
              aria-valuetext={progressText}
              className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
            </div>
            {running && (
              <p className="text-xs text-slate-500">Pode sair desta página: a importação continua e aparece no histórico abaixo.</p>
            )}
          </div>
        )}

        {item.status === 'done' && (
          <Alert tone={item.skipped_count > 0 ? 'warning' : 'success'} title="Importação concluída">
            {item.skipped_count > 0
              ? `${formatNumber(item.skipped_count)} ${item.skipped_count === 1 ? 'linha com erro foi pulada' : 'linhas com erro foram puladas'}; as outras foram importadas.`
              : 'Todas as linhas foram importadas.'}
          </Alert>
        )}
        {item.status === 'failed' && (
          <Alert title="Nada foi importado">
            <p>
              {item.errors.length > 0
                ? 'O arquivo tem linhas com erro e a opção “Importar as linhas válidas e pular as com erro” não estava marcada, por isso nenhum cliente foi criado nem alterado.'
                : 'A importação falhou e nenhum cliente foi criado nem alterado.'}{' '}
              Corrija as linhas abaixo no arquivo e importe de novo, ou volte e marque a opção para importar só as linhas válidas.
            </p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button size="sm" onClick={() => onRetrySkipping(item)} isLoading={isRetrying}>
                Voltar e pular as linhas com erro
              </Button>
              <Button size="sm" variant="secondary" onClick={onNewFile} disabled={isRetrying}>
                Enviar o arquivo corrigido
              </Button>
            </div>
            {retryError && <p className="mt-2 font-medium">{retryError}</p>}
          </Alert>
        )}

        {(item.status === 'done' || item.status === 'failed') && (
          <dl aria-label="Resultado da importação" className="grid grid-cols-3 gap-3 text-center">
            <Count label="Criados" value={item.created_count} tone="text-emerald-800" />
            <Count label="Atualizados" value={item.updated_count} tone="text-sky-800" />
            <Count label="Ignorados" value={item.skipped_count} tone={item.skipped_count > 0 ? 'text-amber-800' : 'text-slate-700'} />
          </dl>
        )}

        {!running && (
          <div className="flex flex-wrap gap-2">
            {item.status === 'done' && (
              <Link
                to={paths.app.crm.customers.getHref()}
                className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
              >
                Ver clientes
              </Link>
            )}
            {item.status !== 'failed' && (
              <Button variant="secondary" onClick={onNewFile}>
                Importar outro arquivo
              </Button>
            )}
          </div>
        )}
      </section>

      {item.errors.length > 0 && (
        <section aria-labelledby="import-errors-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 p-4">
            <div>
              <h2 id="import-errors-title" className="text-base font-semibold text-slate-900">
                Linhas com erro
              </h2>
              <p className="text-sm text-slate-600">
                {item.errors.length >= MAX_KEPT_ERRORS
                  ? `Mostrando os primeiros ${formatNumber(MAX_KEPT_ERRORS)} erros.`
                  : `${formatNumber(item.errors.length)} ${item.errors.length === 1 ? 'erro' : 'erros'}. A linha 1 é o cabeçalho.`}
              </p>
            </div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => saveBlob(new Blob([errorsToCsv(item.errors)], { type: 'text/csv;charset=utf-8' }), errorsFileName(item.filename))}
            >
              Baixar erros (CSV)
            </Button>
          </div>
          <div className="max-h-[28rem] overflow-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Erros da importação</caption>
              <thead className="sticky top-0 bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Linha
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Campo
                  </th>
                  <th scope="col" className="px-4 py-2 font-medium">
                    Mensagem
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {item.errors.map((error, index) => (
                  <tr key={`${error.line}-${error.field}-${index}`}>
                    <td className="px-4 py-2 text-slate-700 tabular-nums">{error.line}</td>
                    <td className="px-4 py-2 whitespace-nowrap text-slate-800">{errorFieldLabel(error.field)}</td>
                    <td className="px-4 py-2 text-slate-700">{error.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

function Count({ label, value, tone }: { label: string; value: number; tone: string }) {
  return (
    <div className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className={cn('text-2xl font-semibold tabular-nums', tone)}>{formatNumber(value)}</dd>
    </div>
  );
}
