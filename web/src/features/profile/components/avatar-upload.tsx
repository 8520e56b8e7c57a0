import { ImageUpload } from '@/components/image-upload';
import type { User } from '@/lib/api/models';

import { AVATAR_MAX_BYTES, AVATAR_TYPES, useDeleteAvatar, useUploadAvatar } from '../api/profile';

import { Avatar } from './avatar';
import { ProfileSection } from './profile-section';

/** "Foto": choose an image, see it, save it; or remove the current one. */
export function AvatarUpload({ user }: { user: User }) {
  const upload = useUploadAvatar();
  const remove = useDeleteAvatar();

  return (
    <ProfileSection title="Foto">
      <ImageUpload
        renderImage={(previewUrl) =>
          previewUrl ? (
            <img src={previewUrl} alt="Pré-visualização da nova foto" className="size-24 shrink-0 rounded-full bg-slate-100 object-cover" />
          ) : (
            <Avatar user={user} size="lg" />
          )
        }
        types={AVATAR_TYPES}
        maxBytes={AVATAR_MAX_BYTES}
        hint="PNG, JPEG ou WebP, até 1 MB. Aparece para a sua equipe."
        saveLabel="Salvar foto"
        removeLabel="Remover foto"
        hasImage={Boolean(user.avatar_id)}
        confirmTitle="Remover a sua foto?"
        confirmText="No lugar dela aparecerão as suas iniciais."
        upload={upload}
        remove={remove}
      />
    </ProfileSection>
  );
}
