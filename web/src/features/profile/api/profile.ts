import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Me } from '@/lib/api/models';
import type { components } from '@/lib/api/schema';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';

import { sessionsQueryKey } from './sessions';

export type UpdateProfileRequest = components['schemas']['UpdateProfileRequest'];
export type ChangePasswordRequest = components['schemas']['ChangePasswordRequest'];

export const AVATAR_MAX_BYTES = 1024 * 1024;
export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

/** Lists of people (Configurações → Usuários, mentions) show names and photos too. */
const usersQueryKey = ['users'] as const;

export const updateProfile = (input: UpdateProfileRequest) => api.patch<Me>('/me', input);

export const uploadAvatar = (file: File) => api.put<Me>('/me/avatar', undefined, { body: file, contentType: file.type });

export const deleteAvatar = () => api.delete('/me/avatar');

export const changePassword = (input: ChangePasswordRequest) => api.post<void>('/me/password', input);

/** Name and/or e-mail signature; the answer is the new `Me`, put straight into the shared cache (the header reads it). */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (me, input) => {
      queryClient.setQueryData(meQueryKey, me);
      if (input.name !== undefined) void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}

export function useUploadAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAvatar,
    onSuccess: (me) => {
      queryClient.setQueryData(meQueryKey, me);
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}

/** 204: the photo is gone, so the cached `Me` loses its `avatar_id` at once, then is read again. */
export function useDeleteAvatar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAvatar,
    onSuccess: () => {
      queryClient.setQueryData<Me>(meQueryKey, (me) => (me ? { ...me, user: { ...me.user, avatar_id: null } } : me));
      void queryClient.invalidateQueries({ queryKey: meQueryKey, exact: true });
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
    },
  });
}

/** Every other login of the person ends on the server: the list of sessions is read again. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
