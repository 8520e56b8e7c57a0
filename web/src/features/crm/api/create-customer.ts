import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { CreateCustomerRequest, CreatedCustomer } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customersQueryKey } from './get-customers';

export const createCustomer = (input: CreateCustomerRequest) => api.post<CreatedCustomer>('/customers', input);

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomer,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customersQueryKey }),
  });
}
