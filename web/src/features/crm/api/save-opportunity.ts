import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { CreateOpportunityRequest, Opportunity, UpdateOpportunityRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';
import { opportunitiesQueryKey } from './get-opportunities';

export const createOpportunity = (input: CreateOpportunityRequest) => api.post<Opportunity>('/opportunities', input);

/** Saves over `version` only: someone else's change in between answers 409. */
export const updateOpportunity = ({ id, version, input }: { id: string; version: number; input: UpdateOpportunityRequest }) =>
  api.patch<Opportunity>(`/opportunities/${id}`, input, { headers: { 'If-Match': `"${version}"` } });

export const deleteOpportunity = (id: string) => api.delete(`/opportunities/${id}`);

function useRefreshOpportunities() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: opportunitiesQueryKey });
    // The customer's timeline gains an entry.
    void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
  };
}

export function useCreateOpportunity() {
  const refresh = useRefreshOpportunities();
  return useMutation({ mutationFn: createOpportunity, onSuccess: refresh });
}

export function useUpdateOpportunity() {
  const refresh = useRefreshOpportunities();
  return useMutation({ mutationFn: updateOpportunity, onSuccess: refresh });
}

export function useDeleteOpportunity() {
  const refresh = useRefreshOpportunities();
  return useMutation({ mutationFn: deleteOpportunity, onSuccess: refresh });
}
