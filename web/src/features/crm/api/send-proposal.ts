import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { SentProposal } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';
import { proposalQueryKey } from './get-proposal';
import { proposalsQueryKey } from './get-proposals';

/**
 * E-mails the PDF with a new public link (`to` defaults to the customer's
 * first e-mail; none → 422 on `to`). The link is returned only here: the
 * server keeps its hash. Sending again makes a new link and kills the old one.
 */
export const sendProposal = ({ id, to }: { id: string; to?: string | null }) =>
  api.post<SentProposal>(`/proposals/${id}/send`, { to: to || null });

export function useSendProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: sendProposal,
    onSuccess: ({ proposal }) => {
      queryClient.setQueryData(proposalQueryKey(proposal.id), proposal);
      void queryClient.invalidateQueries({ queryKey: [...proposalQueryKey(proposal.id), 'versions'] });
      void queryClient.invalidateQueries({ queryKey: [...proposalsQueryKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
    },
  });
}
