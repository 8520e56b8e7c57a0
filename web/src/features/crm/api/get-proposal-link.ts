import { useQuery } from '@tanstack/react-query';

import type { ProposalLink } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { proposalQueryKey } from './get-proposal';

// A sent proposal's live link again (to copy or share on WhatsApp), keyed by
// the proposal's version: a new send (a new link) reads it again.
export const useProposalLink = (id: string, version: number, enabled: boolean) =>
  useQuery({
    queryKey: [...proposalQueryKey(id), 'link', version],
    queryFn: ({ signal }) => api.get<ProposalLink>(`/proposals/${id}/link`, { signal }),
    enabled,
    retry: false,
    staleTime: Infinity,
  });
