import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Contract } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { contractsQueryKey, getContracts } from './get-contracts';

export const contractQueryKey = (id: string) => [...contractsQueryKey, 'detail', id] as const;

export const getContract = (id: string, signal?: AbortSignal) => api.get<Contract>(`/contracts/${id}`, { signal });

export const contractQueryOptions = (id: string) =>
  queryOptions({ queryKey: contractQueryKey(id), queryFn: ({ signal }) => getContract(id, signal) });

export const useContract = (id: string) => useQuery(contractQueryOptions(id));

/**
 * The contract made when a proposal was accepted. The API has no filter by
 * proposal: the customer's contracts are searched (newest first) for it.
 */
export async function findContractOfProposal({
  customerId,
  proposalId,
  signal,
}: {
  customerId: string;
  proposalId: string;
  signal?: AbortSignal;
}): Promise<Contract | null> {
  let cursor: string | null | undefined = null;
  for (let page = 0; page < 10; page += 1) {
    const result = await getContracts({ filters: { customer_id: customerId }, cursor, limit: 100, signal });
    const found = result.items.find((contract) => contract.proposal_id === proposalId);
    if (found) return found;
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return null;
}

export const contractOfProposalQueryOptions = (customerId: string, proposalId: string) =>
  queryOptions({
    queryKey: [...contractsQueryKey, 'of-proposal', proposalId],
    queryFn: ({ signal }) => findContractOfProposal({ customerId, proposalId, signal }),
  });

export const useContractOfProposal = (customerId: string, proposalId: string, enabled = true) =>
  useQuery({ ...contractOfProposalQueryOptions(customerId, proposalId), enabled });
