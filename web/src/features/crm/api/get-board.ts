import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';

import type { Board } from '@/lib/api/models';
import { api } from '@/lib/api-client';
import type { OpportunityMovedEvent } from '@/lib/realtime';

import { patchBoardWithMove } from '../utils/board';

import { opportunitiesQueryKey } from './get-opportunities';

export const boardQueryKey = (pipelineId: string) => [...opportunitiesQueryKey, 'board', pipelineId] as const;

export const getBoard = (pipelineId: string, signal?: AbortSignal) => api.get<Board>(`/pipelines/${pipelineId}/board`, { signal });

export const boardQueryOptions = (pipelineId: string) =>
  queryOptions({ queryKey: boardQueryKey(pipelineId), queryFn: ({ signal }) => getBoard(pipelineId, signal) });

export const useBoard = (pipelineId: string | undefined) =>
  useQuery({ ...boardQueryOptions(pipelineId ?? ''), enabled: Boolean(pipelineId) });


/**
 * `opportunity.moved` from the server: moves the card in an open board at
 * once (no refetch, no flicker). A board that does not hold the card (or is
 * older than the event can tell) is refetched instead.
 */
export function applyOpportunityMoved(queryClient: QueryClient, event: OpportunityMovedEvent) {
  const key = boardQueryKey(event.pipeline_id);
  const board = queryClient.getQueryData<Board>(key);
  if (!board) return;
  const patched = patchBoardWithMove(board, { id: event.opportunity_id, stage_id: event.stage_id, position: event.position, version: event.version });
  if (patched === 'unknown') {
    void queryClient.invalidateQueries({ queryKey: key });
  } else if (patched !== board) {
    queryClient.setQueryData(key, patched);
  }
}
