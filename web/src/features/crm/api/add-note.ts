import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { timelineQueryKey } from './get-timeline';

export const addNote = ({ customerId, text }: { customerId: string; text: string }) =>
  api.post<unknown>(`/customers/${customerId}/timeline`, { text });

export function useAddNote(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => addNote({ customerId, text }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: timelineQueryKey(customerId) }),
  });
}
