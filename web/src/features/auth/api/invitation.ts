import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';

import type { AcceptInvitationRequest, InvitationPreview, TokenPair } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import { useStartSession } from '@/lib/auth';

export const getInvitationPreview = (token: string) =>
  api.get<InvitationPreview>(`/auth/invitations/${encodeURIComponent(token)}`, { auth: false });

export const invitationPreviewQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['invitation-preview', token],
    queryFn: () => getInvitationPreview(token),
    staleTime: Infinity,
  });

export const useInvitationPreview = (token: string) => useQuery(invitationPreviewQueryOptions(token));

export const acceptInvitation = (input: AcceptInvitationRequest) =>
  api.post<TokenPair>('/auth/invitations/accept', input, { auth: false });

export function useAcceptInvitation({ onSuccess }: { onSuccess?: () => void } = {}) {
  const startSession = useStartSession();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (pair) => {
      startSession(pair);
      onSuccess?.();
    },
  });
}
