import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { CreateProposalRequest, Proposal, UpdateProposalRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';
import { proposalQueryKey } from './get-proposal';
import { proposalsQueryKey } from './get-proposals';

export const createProposal = (input: CreateProposalRequest) => api.post<Proposal>('/proposals', input);

/**
 * Saves over `version` only: someone else's save in between answers 409.
 * Editing a sent proposal makes a new draft revision (its link stops working).
 */
export const updateProposal = ({ id, version, input }: { id: string; version: number; input: UpdateProposalRequest }) =>
  api.patch<Proposal>(`/proposals/${id}`, input, { headers: { 'If-Match': `"${version}"` } });

/** Drafts only; a proposal that was sent answers 409. */
export const deleteProposal = (id: string) => api.delete(`/proposals/${id}`);

function useRefresh() {
  const queryClient = useQueryClient();
  return (proposal?: Proposal) => {
    if (proposal) queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
    void queryClient.invalidateQueries({ queryKey: [...proposalsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
  };
}

export function useCreateProposal() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: createProposal, onSuccess: (proposal) => refresh(proposal) });
}

export function useUpdateProposal() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProposal,
    onSuccess: (proposal) => {
      refresh(proposal);
      void queryClient.invalidateQueries({ queryKey: [...proposalQueryKey(proposal.id), 'versions'] });
    },
  });
}

export function useDeleteProposal() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteProposal,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: proposalQueryKey(id) });
      refresh();
    },
  });
}
