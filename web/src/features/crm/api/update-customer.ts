import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Customer, CustomerDetail, UpdateCustomerRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerQueryKey } from './get-customer';
import { customersQueryKey } from './get-customers';

type UpdateCustomerInput = { id: string; version: number; input: UpdateCustomerRequest };

/** Saves over `version` only: someone else's save in between answers 409. */
export const updateCustomer = ({ id, version, input }: UpdateCustomerInput) =>
  api.patch<Customer>(`/customers/${id}`, input, { headers: { 'If-Match': `"${version}"` } });

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCustomer,
    onSuccess: (customer) => {
      queryClient.setQueryData<CustomerDetail>(customerQueryKey(customer.id), (old) =>
        old ? { ...old, ...customer } : undefined,
      );
      void queryClient.invalidateQueries({ queryKey: customersQueryKey });
    },
  });
}
