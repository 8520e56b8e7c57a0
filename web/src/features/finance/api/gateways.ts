import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConnectionTest, Gateway, SaveGatewayRequest, WebhookEventPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { gatewaysQueryKey } from './query-keys';

export const getGateways = (signal?: AbortSignal) => api.get<Gateway[]>('/finance/gateways', { signal });

export const gatewaysQueryOptions = () => queryOptions({ queryKey: gatewaysQueryKey, queryFn: ({ signal }) => getGateways(signal) });

export const useGateways = () => useQuery(gatewaysQueryOptions());

/**
 * Connects (or replaces) the company's account at a provider. The answer
 * carries `webhook_secret` only when the server generated it (Asaas without
 * a token): it is never shown again.
 */
export const saveGateway = (input: SaveGatewayRequest) => api.post<Gateway>('/finance/gateways', input);

export const deleteGateway = (id: string) => api.delete(`/finance/gateways/${id}`);

/** Calls the provider with the stored key. */
export const testGateway = (id: string) => api.post<ConnectionTest>(`/finance/gateways/${id}/test`);

export function useSaveGateway() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: saveGateway, onSuccess: () => queryClient.invalidateQueries({ queryKey: gatewaysQueryKey }) });
}

export function useDeleteGateway() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: deleteGateway, onSuccess: () => queryClient.invalidateQueries({ queryKey: gatewaysQueryKey }) });
}

export function useTestGateway() {
  return useMutation({ mutationFn: testGateway });
}

export const WEBHOOK_EVENTS_PAGE_SIZE = 20;

export const gatewayEventsQueryKey = (gatewayId: string) => [...gatewaysQueryKey, gatewayId, 'events'] as const;

/** The webhook log of a gateway, newest first. */
export const getGatewayEvents = ({ gatewayId, cursor, signal }: { gatewayId: string; cursor?: string | null; signal?: AbortSignal }) =>
  api.get<WebhookEventPage>(`/finance/gateways/${gatewayId}/events`, { query: { limit: WEBHOOK_EVENTS_PAGE_SIZE, cursor }, signal });

export const gatewayEventsInfiniteQueryOptions = (gatewayId: string) =>
  infiniteQueryOptions({
    queryKey: gatewayEventsQueryKey(gatewayId),
    queryFn: ({ pageParam, signal }) => getGatewayEvents({ gatewayId, cursor: pageParam, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
  });

export const useGatewayEvents = (gatewayId: string, enabled = true) =>
  useInfiniteQuery({ ...gatewayEventsInfiniteQueryOptions(gatewayId), enabled });

/** Processes a failed or ignored event again (202); 409 when already processed or unreadable. */
export const replayWebhookEvent = (id: string) => api.post<void>(`/finance/webhook-events/${id}/replay`);

export function useReplayWebhookEvent(gatewayId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replayWebhookEvent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: gatewayEventsQueryKey(gatewayId) }),
  });
}
