import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Contract, CreateContractRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { contractQueryKey } from './get-contract';
import { contractsQueryKey } from './get-contracts';
import { customersQueryKey } from './get-customers';

/** A draft contract typed by hand (no overall discount). */
export const createContract = (input: CreateContractRequest) => api.post<Contract>('/contracts', input);

/** draft → active (sign); active ⇄ suspended; active/suspended → ended. A transition that is not allowed answers 409. */
export type ContractTransition = 'sign' | 'suspend' | 'resume' | 'end';

export const changeContractStatus = ({ id, action }: { id: string; action: ContractTransition }) =>
  api.post<Contract>(`/contracts/${id}/${action}`);

/** draft, active or suspended → cancelled, with a reason. */
export const cancelContract = ({ id, reason }: { id: string; reason: string }) =>
  api.post<Contract>(`/contracts/${id}/cancel`, { reason });

function useRefresh() {
  const queryClient = useQueryClient();
  return (contract: Contract) => {
    queryClient.setQueryData(contractQueryKey(contract.id), contract);
    void queryClient.invalidateQueries({ queryKey: [...contractsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
  };
}

export function useCreateContract() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: createContract, onSuccess: refresh });
}

export function useChangeContractStatus() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: changeContractStatus, onSuccess: refresh });
}

export function useCancelContract() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: cancelContract, onSuccess: refresh });
}
