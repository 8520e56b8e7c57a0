import { useEffect, useRef, useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import type { User } from '@/lib/api/models';
import { problemMessage } from '@/lib/problem';

import { AVATAR_MAX_BYTES, AVATAR_TYPES, useDeleteAvatar, useUploadAvatar } from '../api/profile';

import { Avatar } from './avatar';
import { ProfileSection } from './profile-section';

type Preview = { file: File; url: string };

/** The file's problem in a sentence, or null when the server may take it. */
export function avatarFileProblem(file: Pick<File, 'type' | 'size'>): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Use uma imagem PNG, JPEG ou WebP.';
  if (file.size > AVATAR_MAX_BYTES) return 'A imagem passa de 1 MB. Reduza o tamanho e tente de novo.';
  return null;
}

/** "Foto": choose an image, see it, save it; or remove the current one. */
export function AvatarUpload({ user }: { user: User }) {
  const upload = useUploadAvatar();
  const remove = useDeleteAvatar();
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
    const problem = avatarFileProblem(file);
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
    <ProfileSection title="Foto">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-center">
        {preview ? (
          <img src={preview.url} alt="Pré-visualização da nova foto" className="size-24 shrink-0 rounded-full bg-slate-100 object-cover" />
        ) : (
          <Avatar user={user} size="lg" />
        )}
        <div className="min-w-0 space-y-3">
          <div>
            <label htmlFor="avatar-file" className="block text-sm font-medium text-slate-800">
              Escolher imagem
            </label>
            <input
              ref={inputRef}
              id="avatar-file"
              type="file"
              accept={AVATAR_TYPES.join(',')}
              aria-describedby="avatar-hint"
              onChange={(event) => choose(event.target.files?.[0])}
              className="mt-1 block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-indigo-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-indigo-800 hover:file:bg-indigo-100"
            />
            <p id="avatar-hint" className="mt-1 text-xs text-slate-500">
              PNG, JPEG ou WebP, até 1 MB. Aparece para a sua equipe.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            {preview && (
              <>
                <Button size="sm" isLoading={upload.isPending} onClick={() => upload.mutate(preview.file, { onSuccess: clearPreview })}>
                  Salvar foto
                </Button>
                <Button size="sm" variant="secondary" onClick={clearPreview} disabled={upload.isPending}>
                  Cancelar
                </Button>
              </>
            )}
            {!preview && user.avatar_id && (
              <Button size="sm" variant="secondary" onClick={() => setConfirmRemove(true)}>
                Remover foto
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
        title="Remover a sua foto?"
        confirmLabel="Remover"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(undefined, { onSettled: () => setConfirmRemove(false) })}
      >
        No lugar dela aparecerão as suas iniciais.
      </ConfirmDialog>
    </ProfileSection>
  );
}
