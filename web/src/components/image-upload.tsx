import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { problemMessage } from '@/lib/problem';

/** What the upload needs of the saving mutation; a TanStack `useMutation` result taking a `File` fits. */
export type ImageSaveMutation = {
  mutate: (file: File, options?: { onSuccess?: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
};

/** What the upload needs of the removing mutation; a TanStack `useMutation` result taking nothing fits. */
export type ImageRemoveMutation = {
  mutate: (variables: undefined, options?: { onSettled?: () => void }) => void;
  reset: () => void;
  isPending: boolean;
  error: unknown;
};

type ImageUploadProps = {
  /**
   * The image shown beside the chooser: the preview (its object URL) while a
   * file is chosen and not yet saved, else the current image (`null`).
   */
  renderImage: (previewUrl: string | null) => ReactNode;
  /** MIME types the server takes; the messages below name PNG, JPEG and WebP. */
  types: readonly string[];
  /** The largest file the server takes; the messages below say 1 MB. */
  maxBytes: number;
  /** Under the chooser, e.g. "PNG, JPEG ou WebP, até 1 MB." */
  hint: string;
  /** The save button, e.g. "Salvar foto". */
  saveLabel: string;
  /** The remove button, e.g. "Remover foto"; shown only when `hasImage`. */
  removeLabel: string;
  hasImage: boolean;
  /** The confirmation asked before removing. */
  confirmTitle: string;
  confirmText: ReactNode;
  upload: ImageSaveMutation;
  remove: ImageRemoveMutation;
};

type Preview = { file: File; url: string };

/** The file's problem in a sentence, or null when the server may take it. */
export function imageFileProblem(file: Pick<File, 'type' | 'size'>, types: readonly string[], maxBytes: number): string | null {
  if (!types.includes(file.type)) return 'Use uma imagem PNG, JPEG ou WebP.';
  if (file.size > maxBytes) return 'A imagem passa de 1 MB. Reduza o tamanho e tente de novo.';
  return null;
}

/**
 * Choose an image, see it, save it ("Salvar …" / "Cancelar"); or remove the
 * current one after a confirmation. The file is checked here before it is
 * sent; its problems and the server's are announced. Put it in a section of
 * its own: it renders the content only.
 */
export function ImageUpload({
  renderImage,
  types,
  maxBytes,
  hint,
  saveLabel,
  removeLabel,
  hasImage,
  confirmTitle,
  confirmText,
  upload,
  remove,
}: ImageUploadProps) {
  const inputId = useId();
  const hintId = useId();
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
    remove.reset();
    setLocalError(null);
    setPreview(null);
    if (!file) return;
    const problem = imageFileProblem(file, types, maxBytes);
    if (problem) {
      setLocalError(problem);
      if (inputRef.current) inputRef.current.value = '';
      return;
    }
    setPreview({ file, url: URL.createObjectURL(file) });
  }

  function clearPreview() {
    setPreview(null);
    if (inputRef.current) inputRef.current.value = '';
  }

  const error = localError ?? (upload.error ? problemMessage(upload.error) : remove.error ? problemMessage(remove.error) : null);

  return (
    <>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        {renderImage(preview?.url ?? null)}
        <div className="min-w-0 space-y-3">
          <div>
            <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
              Escolher imagem
            </label>
            <input
              ref={inputRef}
              id={inputId}
              type="file"
              accept={types.join(',')}
              aria-describedby={hintId}
              onChange={(event) => choose(event.target.files?.[0])}
              className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-800 hover:file:bg-indigo-100"
            />
            <p id={hintId} className="mt-1 text-xs text-slate-500">
              {hint}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {preview && (
              <>
                <Button size="sm" isLoading={upload.isPending} onClick={() => upload.mutate(preview.file, { onSuccess: clearPreview })}>
                  {saveLabel}
                </Button>
                <Button size="sm" variant="secondary" onClick={clearPreview} disabled={upload.isPending}>
                  Cancelar
                </Button>
              </>
            )}
            {!preview && hasImage && (
              <Button size="sm" variant="secondary" onClick={() => setConfirmRemove(true)}>
                {removeLabel}
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
        title={confirmTitle}
        confirmLabel="Remover"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })}
      >
        {confirmText}
      </ConfirmDialog>
    </>
  );
}
