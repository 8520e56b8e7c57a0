import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Contact, ContactRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerQueryKey } from './get-customer';

export const createContact = ({ customerId, input }: { customerId: string; input: ContactRequest }) =>
  api.post<Contact>(`/customers/${customerId}/contacts`, input);

export const updateContact = ({ id, input }: { id: string; input: ContactRequest }) =>
  api.patch<Contact>(`/contacts/${id}`, input);

export const deleteContact = (id: string) => api.delete(`/contacts/${id}`);

/** Creates (no `id`) or updates a contact of the customer. */
export function useSaveContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ContactRequest }) =>
      id ? updateContact({ id, input }) : createContact({ customerId, input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerQueryKey(customerId) }),
  });
}

export function useDeleteContact(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteContact,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customerQueryKey(customerId) }),
  });
}
