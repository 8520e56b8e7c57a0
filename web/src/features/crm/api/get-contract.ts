import { queryOptions, useQuery } from '@tanstack/react-query';

import type { Contract } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { contractsQueryKey } from './get-contracts';

export const contractQueryKey = (id: string) => [...contractsQueryKey, 'detail', id] as const;

export const getContract = (id: string, signal?: AbortSignal) => api.get<Contract>(`/contracts/${id}`, { signal });

export const contractQueryOptions = (id: string) =>
  queryOptions({ queryKey: contractQueryKey(id), queryFn: ({ signal }) => getContract(id, signal) });

export const useContract = (id: string, enabled = true) => useQuery({ ...contractQueryOptions(id), enabled });
