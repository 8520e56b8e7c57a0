import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Customer } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerQueryKey } from './get-customer';
import { customersQueryKey } from './get-customers';
import { opportunitiesQueryKey } from './get-opportunities';

/** `mergeId` disappears into `id`, which keeps its data and gains what only the other had. */
export const mergeCustomers = ({ id, mergeId }: { id: string; mergeId: string }) =>
  api.post<Customer>(`/customers/${id}/merge`, { merge_id: mergeId });

export function useMergeCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mergeCustomers,
    onSuccess: (_, { mergeId }) => {
      queryClient.removeQueries({ queryKey: customerQueryKey(mergeId) });
      void queryClient.invalidateQueries({ queryKey: customersQueryKey });
      void queryClient.invalidateQueries({ queryKey: opportunitiesQueryKey });
    },
  });
}
