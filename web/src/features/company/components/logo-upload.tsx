import { useEffect, useRef, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Spinner } from '@/components/ui/spinner';
import type { Company } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import {
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  useCompanyLogo,
  useDeleteCompanyLogo,
  useUploadCompanyLogo,
} from '../api/company-logo';

type Preview = { file: File; url: string };

export function LogoUpload({ company }: { company: Company }) {
  const logo = useCompanyLogo(company);
  const upload = useUploadCompanyLogo();
  const remove = useDeleteCompanyLogo();
  const inputRef = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);

  // Release the preview's object URL when it is replaced or the page closes.
  useEffect(() => () => {
    if (preview) URL.revokeObjectURL(preview.url);
  }, [preview]);

  function choose(file: File | undefined) {
    upload.reset();
    setLocalError(null);
    if (!file) return;
    if (!(LOGO_TYPES as readonly string[]).includes(file.type)) {
      setLocalError('Use uma imagem PNG, JPEG ou WebP.');
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      setLocalError('A imagem passa de 1 MB. Reduza o tamanho e tente de novo.');
      return;
    }
    setPreview({ file, url: URL.createObjectURL(file) });
  }

  function clearPreview() {
    setPreview(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  const error = localError ?? (upload.error ? problemMessage(upload.error) : remove.error ? problemMessage(remove.error) : null);
  const shownUrl = preview?.url ?? (company.has_logo ? logo.data : undefined);

  return (
    <section aria-labelledby="logo-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="logo-title" className="text-base font-semibold text-slate-900">
        Logo
      </h2>
      <div className="mt-4 flex flex-col gap-4 sm:flex-row sm:items-center">
        <div className="flex size-28 shrink-0 items-center justify-center overflow-hidden rounded-lg bg-slate-100 ring-1 ring-slate-200">
          {company.has_logo && logo.isPending && !preview ? (
            <Spinner label="Carregando logo" />
          ) : shownUrl ? (
            <img
              src={shownUrl}
              alt={preview ? 'Pré-visualização do novo logo' : `Logo de ${company.trade_name || company.name}`}
              className="size-full object-contain"
            />
          ) : (
            <span className="text-xs text-slate-500">Sem logo</span>
          )}
        </div>
        <div className="space-y-3">
          <div>
            <label htmlFor="logo-file" className="block text-sm font-medium text-slate-800">
              Escolher imagem
            </label>
            <input
              ref={inputRef}
              id="logo-file"
              type="file"
              accept={LOGO_TYPES.join(',')}
              aria-describedby="logo-hint"
              onChange={(event) => choose(event.target.files?.[0])}
              className="mt-1 block text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-800 hover:file:bg-indigo-100"
            />
            <p id="logo-hint" className="mt-1 text-xs text-slate-500">
              PNG, JPEG ou WebP, até 1 MB.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {preview && (
              <>
                <Button
                  size="sm"
                  isLoading={upload.isPending}
                  onClick={() => upload.mutate(preview.file, { onSuccess: clearPreview })}
                >
                  Salvar logo
                </Button>
                <Button size="sm" variant="secondary" onClick={clearPreview} disabled={upload.isPending}>
                  Cancelar
                </Button>
              </>
            )}
            {!preview && company.has_logo && (
              <Button size="sm" variant="secondary" onClick={() => setConfirmRemove(true)}>
                Remover logo
              </Button>
            )}
          </div>
        </div>
      </div>
      <div aria-live="assertive" className="mt-3">
        {error && <Alert>{error}</Alert>}
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title="Remover o logo?"
        confirmLabel="Remover"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })}
      >
        Propostas e faturas novas sairão sem logo até você enviar outro.
      </ConfirmDialog>
    </section>
  );
}
