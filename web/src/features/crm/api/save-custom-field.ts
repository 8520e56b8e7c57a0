import { useMutation, useQueryClient } from '@tanstack/react-query';

import { customFieldsQueryKey } from '@/lib/api/custom-fields';
import type { CreateCustomFieldRequest, CustomField } from '@/lib/api/models';
import { api } from '@/lib/api-client';

export const createCustomField = (input: CreateCustomFieldRequest) => api.post<CustomField>('/custom-fields', input);

export const deleteCustomField = (id: string) => api.delete(`/custom-fields/${id}`);

export function useCreateCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCustomField,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldsQueryKey }),
  });
}

export function useDeleteCustomField() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCustomField,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customFieldsQueryKey }),
  });
}
