import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { AutomationTrigger, DryRunResult, Flow, FlowDefinition, FlowRunPage, SaveFlowRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

const flowsKey = ['automation', 'flows'] as const;

export const getFlows = (signal?: AbortSignal) => api.get<Flow[]>('/automation/flows', { signal });
export const flowsQueryOptions = () => queryOptions({ queryKey: flowsKey, queryFn: ({ signal }) => getFlows(signal) });
export const useFlows = () => useQuery(flowsQueryOptions());

/** Every event kind a flow may start from, with its typed fields; fixed per release. */
export const triggersQueryOptions = () =>
  queryOptions({
    queryKey: ['automation', 'triggers'],
    queryFn: ({ signal }) => api.get<AutomationTrigger[]>('/automation/triggers', { signal }),
    staleTime: Infinity,
  });
export const useTriggers = () => useQuery(triggersQueryOptions());

export const runsQueryOptions = (flowId: string) =>
  queryOptions({
    queryKey: [...flowsKey, flowId, 'runs'],
    queryFn: ({ signal }) => api.get<FlowRunPage>(`/automation/flows/${flowId}/runs`, { query: { limit: 50 }, signal }),
    refetchInterval: 10_000,
  });
export const useRuns = (flowId: string) => useQuery(runsQueryOptions(flowId));

function useFlowsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: flowsKey });
}

export function useSaveFlow() {
  const changed = useFlowsChanged();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SaveFlowRequest }) =>
      id ? api.patch<Flow>(`/automation/flows/${id}`, input) : api.post<Flow>('/automation/flows', input),
    onSuccess: changed,
  });
}

export function useSetFlowActive() {
  const changed = useFlowsChanged();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.post<Flow>(`/automation/flows/${id}/${active ? 'activate' : 'pause'}`),
    onSuccess: changed,
  });
}

export function useDeleteFlow() {
  const changed = useFlowsChanged();
  return useMutation({ mutationFn: (id: string) => api.delete(`/automation/flows/${id}`), onSuccess: changed });
}

/** Evaluates a definition on the company's latest events of its trigger; changes nothing. */
export function useDryRun() {
  return useMutation({
    mutationFn: (definition: FlowDefinition) => api.post<DryRunResult>('/automation/flows/dry-run', { definition, limit: 10 }),
  });
}
