import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type {
  AutomationTrigger,
  DryRunResult,
  Flow,
  FlowDefinition,
  FlowRunPage,
  FlowRunStatus,
  FlowVersion,
  GalleryItem,
  SaveFlowRequest,
} from '@/lib/api/models';
import { api } from '@/lib/api-client';

/** Every automation query starts here: one invalidation refreshes flows, runs and versions. */
export const automationQueryKey = ['automation'] as const;
export const flowsQueryKey = [...automationQueryKey, 'flows'] as const;
/** A ticket's (or customer's) runs across flows: its page's history. */
export const recordRunsQueryKey = (recordId: string) => [...automationQueryKey, 'runs', 'record', recordId] as const;

export const getFlows = (signal?: AbortSignal) => api.get<Flow[]>('/automation/flows', { signal });
export const flowsQueryOptions = () => queryOptions({ queryKey: flowsQueryKey, queryFn: ({ signal }) => getFlows(signal) });
export const useFlows = () => useQuery(flowsQueryOptions());

/** Every event kind a flow may start from, with its typed fields; fixed per release. */
export const triggersQueryOptions = () =>
  queryOptions({
    queryKey: [...automationQueryKey, 'triggers'],
    queryFn: ({ signal }) => api.get<AutomationTrigger[]>('/automation/triggers', { signal }),
    staleTime: Infinity,
  });
export const useTriggers = () => useQuery(triggersQueryOptions());

/** Runs change on their own (jobs, waits): lists poll while shown. */
const RUNS_POLL_MS = 5_000;

export const runsQueryOptions = (flowId: string, status?: FlowRunStatus) =>
  queryOptions({
    queryKey: [...flowsQueryKey, flowId, 'runs', status ?? 'all'],
    queryFn: ({ signal }) => api.get<FlowRunPage>(`/automation/flows/${flowId}/runs`, { query: { limit: 50, status }, signal }),
    refetchInterval: RUNS_POLL_MS,
    // Changing the status filter keeps the table until the new page comes.
    placeholderData: keepPreviousData,
  });
export const useRuns = (flowId: string, status?: FlowRunStatus) => useQuery(runsQueryOptions(flowId, status));

export const recordRunsQueryOptions = (recordId: string) =>
  queryOptions({
    queryKey: recordRunsQueryKey(recordId),
    queryFn: ({ signal }) => api.get<FlowRunPage>('/automation/runs', { query: { record_id: recordId, limit: 20 }, signal }),
    refetchInterval: RUNS_POLL_MS,
  });
export const useRecordRuns = (recordId: string) => useQuery(recordRunsQueryOptions(recordId));

export const versionsQueryOptions = (flowId: string) =>
  queryOptions({
    queryKey: [...flowsQueryKey, flowId, 'versions'],
    queryFn: ({ signal }) => api.get<FlowVersion[]>(`/automation/flows/${flowId}/versions`, { signal }),
  });
export const useVersions = (flowId: string) => useQuery(versionsQueryOptions(flowId));

/** Ready-made flows; fixed per release. */
export const galleryQueryOptions = () =>
  queryOptions({
    queryKey: [...automationQueryKey, 'gallery'],
    queryFn: ({ signal }) => api.get<GalleryItem[]>('/automation/gallery', { signal }),
    staleTime: Infinity,
  });
export const useGallery = () => useQuery(galleryQueryOptions());

function useAutomationChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: automationQueryKey });
}

/**
 * Saves the definition: a never-published flow changes in place; a
 * published one keeps its version and holds the change as its `draft`.
 */
export function useSaveFlow() {
  const changed = useAutomationChanged();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SaveFlowRequest }) =>
      id ? api.patch<Flow>(`/automation/flows/${id}`, input) : api.post<Flow>('/automation/flows', input),
    onSuccess: changed,
  });
}

/**
 * What a flow's buttons do: turn it on (a never-published one becomes
 * version 1) or off, publish its pending draft as a new version, throw the
 * draft away, or archive it.
 */
export type FlowCommand = 'activate' | 'pause' | 'publish' | 'discard-draft' | 'archive';

export function useFlowCommand() {
  const changed = useAutomationChanged();
  return useMutation({
    mutationFn: ({ id, command }: { id: string; command: FlowCommand }) => api.post<Flow>(`/automation/flows/${id}/${command}`),
    onSuccess: changed,
  });
}

export function useDeleteFlow() {
  const changed = useAutomationChanged();
  return useMutation({ mutationFn: (id: string) => api.delete(`/automation/flows/${id}`), onSuccess: changed });
}

/** Creates a draft flow of the company's own from a ready-made one. */
export function useInstallGalleryItem() {
  const changed = useAutomationChanged();
  return useMutation({
    mutationFn: (key: string) => api.post<Flow>('/automation/gallery/install', { key }),
    onSuccess: changed,
  });
}

/** Runs a failed run again from its failed step (202: it goes on in the background). */
export function useRetryRun() {
  const changed = useAutomationChanged();
  return useMutation({ mutationFn: (runId: string) => api.post<void>(`/automation/runs/${runId}/retry`), onSuccess: changed });
}

/** Presses a button flow (trigger `FlowRunRequested`) on a ticket; the run shows in its history shortly. */
export function useRunFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ flowId, ticketId }: { flowId: string; ticketId: string }) =>
      api.post<void>(`/automation/flows/${flowId}/run`, { ticket_id: ticketId }),
    onSuccess: (_, { ticketId }) => queryClient.invalidateQueries({ queryKey: recordRunsQueryKey(ticketId) }),
  });
}

/** Evaluates a definition on the company's latest events of its trigger; changes nothing. */
export function useDryRun() {
  return useMutation({
    mutationFn: (definition: FlowDefinition) => api.post<DryRunResult>('/automation/flows/dry-run', { definition, limit: 10 }),
  });
}
