import { useRef, useState, type DragEvent } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';

import { formatFileSize, IMPORT_MAX_BYTES } from '../utils/customer-import';

type ImportFileStepProps = {
  file: File | null;
  onChoose: (file: File | null) => void;
  onSubmit: () => void;
  isUploading: boolean;
  /** The server's reason for refusing the file (empty, unreadable, too large). */
  error: string | null;
  /** Shown above the picker (e.g. "choose the same file again"). */
  note?: string | null;
};

/** A spreadsheet rather than its CSV export. */
const isSpreadsheet = (file: File) => /\.(xlsx?|ods|numbers)$/i.test(file.name);

/** Step 1: the file, dropped on the box or picked with the input. */
export function ImportFileStep({ file, onChoose, onSubmit, isUploading, error, note }: ImportFileStepProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);

  function choose(chosen: File | undefined) {
    setLocalError(null);
    if (!chosen) return;
    if (chosen.size > IMPORT_MAX_BYTES) {
      setLocalError(`O arquivo tem ${formatFileSize(chosen.size)}; o limite é de 40 MB. Divida-o em partes menores.`);
      onChoose(null);
      if (inputRef.current) inputRef.current.value = '';
      return;
    }
    if (isSpreadsheet(chosen)) {
      setLocalError('Esta é uma planilha, não um CSV. Na planilha, use Arquivo → Salvar como (ou Baixar) → CSV e escolha esse arquivo.');
      onChoose(null);
      if (inputRef.current) inputRef.current.value = '';
      return;
    }
    onChoose(chosen);
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files?.[0]);
  }

  const shownError = localError ?? error;

  return (
    <section aria-labelledby="import-file-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div>
        <h2 id="import-file-title" className="text-base font-semibold text-slate-900">
          Escolha o arquivo
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>
            Um arquivo <strong>CSV</strong> com os nomes das colunas na primeira linha, como o que Excel, LibreOffice ou Google
            Planilhas salvam.
          </li>
          <li>
            Aceitamos codificação <strong>UTF-8</strong> ou <strong>Latin-1</strong> (ISO-8859-1) e colunas separadas por{' '}
            <strong>;</strong> (ponto e vírgula) ou <strong>,</strong> (vírgula): detectamos sozinhos.
          </li>
          <li>
            Uma linha com o mesmo <strong>CPF/CNPJ</strong> ou <strong>e-mail</strong> de um cliente já cadastrado{' '}
            <strong>atualiza esse cliente</strong> em vez de criar outro.
          </li>
          <li>Até 40 MB. Nada é gravado antes de você conferir as colunas no próximo passo.</li>
        </ul>
      </div>

      {note && <Alert tone="info">{note}</Alert>}

      <div
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={onDrop}
        className={cn(
          'flex flex-col items-center gap-3 rounded-lg border-2 border-dashed px-4 py-8 text-center transition-colors',
          dragging ? 'border-indigo-600 bg-indigo-50' : 'border-slate-300 bg-slate-50',
        )}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-10 text-indigo-700" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path strokeLinecap="round" strokeLinejoin="round" d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8l-5-5Z" />
          <path strokeLinecap="round" strokeLinejoin="round" d="M14 3v5h5M12 17v-6m0 0-2.5 2.5M12 11l2.5 2.5" />
        </svg>
        <p className="text-sm text-slate-700">Arraste o arquivo para cá ou</p>
        <div>
          <label htmlFor="import-file" className="block text-sm font-medium text-slate-800">
            Arquivo CSV
          </label>
          <input
            ref={inputRef}
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-describedby="import-file-hint"
            aria-invalid={shownError ? true : undefined}
            onChange={(event) => choose(event.target.files?.[0])}
            className="mt-1 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-800 hover:file:bg-indigo-100"
          />
          <p id="import-file-hint" className="mt-1 text-xs text-slate-500">
            .csv, UTF-8 ou Latin-1, separado por ; ou ,
          </p>
        </div>
      </div>

      <div aria-live="polite">
        {file && (
          <p className="text-sm text-slate-800" data-testid="chosen-file">
            Arquivo escolhido: <strong className="break-all">{file.name}</strong> ({formatFileSize(file.size)})
          </p>
        )}
      </div>
      <div aria-live="assertive">{shownError && <Alert title="Não foi possível usar este arquivo">{shownError}</Alert>}</div>

      <div className="flex justify-end">
        <Button onClick={onSubmit} disabled={!file} isLoading={isUploading}>
          Continuar
        </Button>
      </div>
    </section>
  );
}
