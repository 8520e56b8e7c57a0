import { useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '@/lib/api-client';

import { deadJobsQueryKey } from './get-dead-jobs';

/** Puts a dead task back in the queue with a fresh set of attempts (202). */
export const retryJob = (id: number) => api.post<void>(`/jobs/${encodeURIComponent(String(id))}/retry`);

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryJob,
    // Also after a 404 (retried meanwhile by someone else): the list catches up.
    onSettled: () => queryClient.invalidateQueries({ queryKey: deadJobsQueryKey }),
  });
}
