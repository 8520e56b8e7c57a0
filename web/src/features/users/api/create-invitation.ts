import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { CreateInvitationRequest, Invitation } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { invitationsQueryKey } from './get-invitations';

export const createInvitation = (input: CreateInvitationRequest) => api.post<Invitation>('/invitations', input);

export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsQueryKey }),
  });
}
