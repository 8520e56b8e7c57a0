import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { Channel, ChannelTest, RotatedSecret, SaveChannelRequest, VerifySenderRequest } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { channelsQueryKey } from './query-keys';

export const getChannels = (signal?: AbortSignal) => api.get<Channel[]>('/channels', { signal });

export const channelsQueryOptions = () =>
  queryOptions({ queryKey: channelsQueryKey, queryFn: ({ signal }) => getChannels(signal), staleTime: 5 * 60_000 });

export const useChannels = () => useQuery(channelsQueryOptions());

/** The server generates (and seals) the WhatsApp verify token and the e-mail inbound token. */
export const createChannel = (input: SaveChannelRequest) => api.post<Channel>('/channels', input);

/** The whole channel (kind, name, config); secrets not sent keep their stored value. */
export const updateChannel = ({ id, input }: { id: string; input: SaveChannelRequest }) => api.patch<Channel>(`/channels/${id}`, input);

/** Deletes an unused channel; one with tickets is disabled instead. */
export const deleteChannel = (id: string) => api.delete(`/channels/${id}`);

/** Calls the provider with the stored credentials. */
export const testChannel = (id: string) => api.post<ChannelTest>(`/channels/${id}/test`);

function useChannelsChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: channelsQueryKey });
}

export function useCreateChannel() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: createChannel, onSuccess: changed });
}

export function useUpdateChannel() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: updateChannel, onSuccess: changed });
}

export function useDeleteChannel() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: deleteChannel, onSuccess: changed });
}

export function useTestChannel() {
  return useMutation({ mutationFn: testChannel });
}

/** A new inbound token, shown once (owners and admins); the old one stops working at once. */
export const rotateInboundSecret = (id: string) => api.post<RotatedSecret>(`/channels/${id}/rotate-inbound-secret`);

export function useRotateInboundSecret() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: rotateInboundSecret, onSuccess: changed });
}

/** E-mails a new confirmation code to the channel's address (429 within a minute of the last one). */
export const sendSenderCode = (id: string) => api.post<void>(`/channels/${id}/sender-code`);

export function useSendSenderCode() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: sendSenderCode, onSuccess: changed });
}

/** Confirms the address with the e-mailed code; 422 when wrong, expired or out of tries. */
export const verifySender = ({ id, input }: { id: string; input: VerifySenderRequest }) => api.post<Channel>(`/channels/${id}/verify-sender`, input);

export function useVerifySender() {
  const changed = useChannelsChanged();
  return useMutation({ mutationFn: verifySender, onSuccess: changed });
}
