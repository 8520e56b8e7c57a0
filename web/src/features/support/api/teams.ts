import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { Presence, Queue, SaveQueueRequest, SaveTeamRequest, Team } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { queuesQueryKey, teamsQueryKey } from './query-keys';

export const getTeams = (signal?: AbortSignal) => api.get<Team[]>('/teams', { signal });

export const teamsQueryOptions = () => queryOptions({ queryKey: teamsQueryKey, queryFn: ({ signal }) => getTeams(signal), staleTime: 60_000 });

export const useTeams = () => useQuery(teamsQueryOptions());

export const createTeam = (input: SaveTeamRequest) => api.post<Team>('/teams', input);
/** Replaces name, hours and members. */
export const updateTeam = ({ id, input }: { id: string; input: SaveTeamRequest }) => api.patch<Team>(`/teams/${id}`, input);
export const deleteTeam = (id: string) => api.delete(`/teams/${id}`);

export const getQueues = (signal?: AbortSignal) => api.get<Queue[]>('/queues', { signal });

export const queuesQueryOptions = () =>
  queryOptions({ queryKey: queuesQueryKey, queryFn: ({ signal }) => getQueues(signal), staleTime: 60_000 });

export const useQueues = () => useQuery(queuesQueryOptions());

export const createQueue = (input: SaveQueueRequest) => api.post<Queue>('/queues', input);
export const updateQueue = ({ id, input }: { id: string; input: SaveQueueRequest }) => api.patch<Queue>(`/queues/${id}`, input);
export const deleteQueue = (id: string) => api.delete(`/queues/${id}`);

/** The agent's presence (also sent over Socket.IO); routing only picks agents online. */
export const setPresence = (status: Presence) => api.put<void>('/me/presence', { status });

// Teams and queues go together (a queue belongs to a team; deleting a team takes its queues).
function useTeamsChanged() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: teamsQueryKey }), queryClient.invalidateQueries({ queryKey: queuesQueryKey })]);
}

export function useCreateTeam() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: createTeam, onSuccess: changed });
}

export function useUpdateTeam() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: updateTeam, onSuccess: changed });
}

export function useDeleteTeam() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: deleteTeam, onSuccess: changed });
}

export function useCreateQueue() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: createQueue, onSuccess: changed });
}

export function useUpdateQueue() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: updateQueue, onSuccess: changed });
}

export function useDeleteQueue() {
  const changed = useTeamsChanged();
  return useMutation({ mutationFn: deleteQueue, onSuccess: changed });
}

export function useSetPresence() {
  return useMutation({ mutationFn: setPresence });
}
