import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { UpdateUserRequest, User } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/lib/auth';

import { usersQueryKey } from './get-users';

export const updateUser = ({ id, data }: { id: string; data: UpdateUserRequest }) =>
  api.patch<User>(`/users/${encodeURIComponent(id)}`, data);

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateUser,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: usersQueryKey });
      // Changing one's own role changes what the navigation shows.
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
