import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { customerQueryKey } from './get-customer';
import { customersQueryKey } from './get-customers';

/** 409 while the customer has opportunities: the problem's detail says so. */
export const deleteCustomer = (id: string) => api.delete(`/customers/${id}`);

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCustomer,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: customerQueryKey(id) });
      void queryClient.invalidateQueries({ queryKey: customersQueryKey });
    },
  });
}
