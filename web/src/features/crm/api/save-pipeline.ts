import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Pipeline, PipelineRequest } from '@/lib/api/models';
import { pipelinesQueryKey } from '@/lib/api/pipelines';
import { api } from '@/lib/api-client';

import { opportunitiesQueryKey } from './get-opportunities';

export const createPipeline = (input: PipelineRequest) => api.post<Pipeline>('/pipelines', input);

export const updatePipeline = ({ id, input }: { id: string; input: PipelineRequest }) =>
  api.patch<Pipeline>(`/pipelines/${id}`, input);

/** 409 while the pipeline has opportunities. */
export const deletePipeline = (id: string) => api.delete(`/pipelines/${id}`);

export function useSavePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: PipelineRequest }) =>
      id ? updatePipeline({ id, input }) : createPipeline(input),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: pipelinesQueryKey });
      void queryClient.invalidateQueries({ queryKey: opportunitiesQueryKey });
    },
  });
}

export function useDeletePipeline() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePipeline,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: pipelinesQueryKey }),
  });
}
