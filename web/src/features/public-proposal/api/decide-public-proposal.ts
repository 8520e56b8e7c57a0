import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { AcceptProposalRequest, RejectProposalRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { publicProposalQueryKey } from './get-public-proposal';

/**
 * Accepts with a full name and CPF/CNPJ or e-mail (the server records the
 * time and IP, creates the signed contract and wins the deal). 204; 409 when
 * already decided or expired; 422 with field errors.
 */
export const acceptPublicProposal = ({ token, input }: { token: string; input: AcceptProposalRequest }) =>
  api.post<void>(`/public/proposals/${encodeURIComponent(token)}/accept`, input, { auth: false });

/** Refuses with a reason. 204; 409 when already decided or expired. */
export const rejectPublicProposal = ({ token, input }: { token: string; input: RejectProposalRequest }) =>
  api.post<void>(`/public/proposals/${encodeURIComponent(token)}/reject`, input, { auth: false });

function useRefetchAfter() {
  const queryClient = useQueryClient();
  // Success or a 409 (someone else decided, or it expired): show what is true now.
  return (_: unknown, __: unknown, variables: { token: string }) =>
    queryClient.invalidateQueries({ queryKey: publicProposalQueryKey(variables.token) });
}

export function useAcceptPublicProposal() {
  const onSettled = useRefetchAfter();
  return useMutation({ mutationFn: acceptPublicProposal, onSettled });
}

export function useRejectPublicProposal() {
  const onSettled = useRefetchAfter();
  return useMutation({ mutationFn: rejectPublicProposal, onSettled });
}
