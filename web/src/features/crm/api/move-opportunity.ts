import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { Board, MoveRequest, Opportunity } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { moveCardInBoard, replaceCard } from '../utils/board';

import { boardQueryKey } from './get-board';
import { customersQueryKey } from './get-customers';
import { opportunitiesQueryKey } from './get-opportunities';

export const moveMutationKey = [...opportunitiesQueryKey, 'move'] as const;

/** Moving to the lost stage needs `lost_reason` (422 on that field otherwise). */
export const moveOpportunity = ({ id, input }: { id: string; input: MoveRequest }) =>
  api.post<Opportunity>(`/opportunities/${id}/move`, input);

/** Moves the card on the board at once; the server's answer confirms it, an error puts it back. */
export function useMoveOpportunity(pipelineId: string) {
  const queryClient = useQueryClient();
  const key = boardQueryKey(pipelineId);
  return useMutation({
    mutationKey: moveMutationKey,
    mutationFn: moveOpportunity,
    onMutate: async ({ id, input }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Board>(key);
      if (previous) queryClient.setQueryData(key, moveCardInBoard(previous, id, input.stage_id, input.after_id));
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData<Board>(key, (board) => (board ? replaceCard(board, saved) : board));
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: [...opportunitiesQueryKey, 'list'] });
      void queryClient.invalidateQueries({ queryKey: [...customersQueryKey, 'timeline'] });
    },
  });
}
