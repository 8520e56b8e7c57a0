import { queryOptions, useQuery } from '@tanstack/react-query';

import type { ProposalVersion } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { proposalQueryKey } from './get-proposal';

/** The revisions kept when the proposal was sent or edited after sending, each a whole proposal. */
export const getProposalVersions = (id: string, signal?: AbortSignal) =>
  api.get<ProposalVersion[]>(`/proposals/${id}/versions`, { signal });

export const proposalVersionsQueryOptions = (id: string) =>
  queryOptions({ queryKey: [...proposalQueryKey(id), 'versions'], queryFn: ({ signal }) => getProposalVersions(id, signal) });

export const useProposalVersions = (id: string, enabled = true) => useQuery({ ...proposalVersionsQueryOptions(id), enabled });
