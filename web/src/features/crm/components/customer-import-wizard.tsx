import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

import type { CustomerImport, UploadedImport } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { isApiError, problemMessage } from '@/lib/problem';

import { useUploadCustomerImport } from '../api/upload-customer-import';

import { CustomerImportsHistory } from './customer-imports-history';
import { ImportFileStep } from './import-file-step';
import { ImportMappingStep, type ImportChoices } from './import-mapping-step';
import { ImportResult } from './import-result';

const STEPS = ['Arquivo', 'Colunas', 'Importação'] as const;

/** The import being followed lives in the URL (`?importacao=`), so a reload or a link from the history shows it. */
const IMPORT_PARAM = 'importacao';

/** The upload's refusal in a sentence: the `file` field error when there is one. */
function uploadMessage(error: unknown): string {
  if (isApiError(error)) {
    const fileError = error.fieldErrors.find((item) => item.field === 'file');
    if (fileError) return fileError.message;
  }
  return problemMessage(error);
}

/**
 * The customer CSV import: choose a file, check the columns, follow the
 * import. The file stays in memory so a failed all-or-nothing import can be
 * sent again with "skip the bad rows" ticked (an import starts only once).
 */
export function CustomerImportWizard() {
  const [params, setParams] = useSearchParams();
  const importId = params.get(IMPORT_PARAM);
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<UploadedImport | null>(null);
  const [previous, setPrevious] = useState<ImportChoices | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // The file last sent, and the import made from it.
  const [lastUpload, setLastUpload] = useState<{ file: File; importId: string } | null>(null);
  const upload = useUploadCustomerImport();

  const step = importId ? 3 : uploaded ? 2 : 1;
  useEffect(() => {
    if (typeof window.scrollTo === 'function') window.scrollTo({ top: 0 });
  }, [step]);

  const follow = (id: string | null) => setParams(id ? { [IMPORT_PARAM]: id } : {});

  function send(chosen: File, choices: ImportChoices | null) {
    upload.mutate(chosen, {
      onSuccess: (result) => {
        setPrevious(choices);
        setUploaded(result);
        setLastUpload({ file: chosen, importId: result.id });
        setNote(null);
        if (importId) follow(null);
      },
    });
  }

  function startOver() {
    upload.reset();
    setUploaded(null);
    setFile(null);
    setPrevious(null);
    setNote(null);
    follow(null);
  }

  function retrySkipping(failed: CustomerImport) {
    const choices: ImportChoices = { mapping: failed.mapping ?? {}, skipInvalid: true };
    if (lastUpload && lastUpload.importId === failed.id) {
      send(lastUpload.file, choices);
      return;
    }
    // Opened from the history (or after a reload): the file is no longer here.
    upload.reset();
    setUploaded(null);
    setFile(null);
    setPrevious(choices);
    setNote(
      `Escolha de novo o arquivo “${failed.filename}”. As colunas escolhidas antes e a opção de pular as linhas com erro já vêm marcadas.`,
    );
    follow(null);
  }

  return (
    <div className="space-y-6">
      <nav aria-label="Etapas da importação">
        <ol className="flex flex-wrap gap-2 text-sm">
          {STEPS.map((label, index) => {
            const number = index + 1;
            return (
              <li
                key={label}
                aria-current={number === step ? 'step' : undefined}
                className={cn(
                  'inline-flex items-center gap-2 rounded-full px-3 py-1',
                  number === step
                    ? 'bg-indigo-700 font-medium text-white'
                    : number < step
                      ? 'bg-indigo-100 text-indigo-900'
                      : 'bg-slate-100 text-slate-600',
                )}
              >
                <span aria-hidden="true" className="tabular-nums">
                  {number}
                </span>
                {label}
              </li>
            );
          })}
        </ol>
      </nav>

      {importId ? (
        <ImportResult
          key={importId}
          id={importId}
          onRetrySkipping={retrySkipping}
          isRetrying={upload.isPending}
          retryError={upload.isError ? uploadMessage(upload.error) : null}
          onNewFile={startOver}
        />
      ) : uploaded ? (
        <ImportMappingStep
          key={uploaded.id}
          uploaded={uploaded}
          previous={previous}
          onBack={() => {
            setUploaded(null);
            setPrevious(null);
            upload.reset();
          }}
          onStarted={(started) => {
            setUploaded(null);
            setPrevious(null);
            follow(started.id);
          }}
        />
      ) : (
        <ImportFileStep
          file={file}
          onChoose={(chosen) => {
            upload.reset();
            setFile(chosen);
          }}
          onSubmit={() => file && send(file, previous)}
          isUploading={upload.isPending}
          error={upload.isError ? uploadMessage(upload.error) : null}
          note={note}
        />
      )}

      <CustomerImportsHistory currentId={importId} />
    </div>
  );
}
