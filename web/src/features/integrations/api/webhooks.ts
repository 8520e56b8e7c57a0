import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type {
  CreateWebhookRequest,
  UpdateWebhookRequest,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookDeliveryStatus,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
} from '@/lib/api/models';
import { api } from '@/lib/api-client';

const webhooksKey = ['integrations', 'webhooks'] as const;
const base = '/integrations/webhooks';

export const DELIVERY_PAGE_SIZE = 20;

export const getWebhooks = (signal?: AbortSignal) => api.get<WebhookEndpoint[]>(base, { signal });
export const webhooksQueryOptions = () => queryOptions({ queryKey: webhooksKey, queryFn: ({ signal }) => getWebhooks(signal) });
export const useWebhooks = () => useQuery(webhooksQueryOptions());

/** An endpoint's deliveries, newest first; refreshed while retries may be under way. */
export const deliveriesInfiniteQueryOptions = (id: string, status: WebhookDeliveryStatus | null) =>
  infiniteQueryOptions({
    queryKey: [...webhooksKey, id, 'deliveries', status ?? 'all'],
    queryFn: ({ pageParam, signal }) =>
      api.get<WebhookDeliveryPage>(`${base}/${id}/deliveries`, {
        query: { limit: DELIVERY_PAGE_SIZE, cursor: pageParam, status: status ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.next_cursor ?? undefined,
    refetchInterval: 15_000,
  });
export const useDeliveries = (id: string, status: WebhookDeliveryStatus | null) =>
  useInfiniteQuery(deliveriesInfiniteQueryOptions(id, status));

function useWebhooksChanged() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhooksKey });
}

/** Creates an endpoint; the answer carries its secret, shown this once. */
export function useCreateWebhook() {
  const changed = useWebhooksChanged();
  return useMutation({
    mutationFn: (input: CreateWebhookRequest) => api.post<WebhookEndpointWithSecret>(base, input),
    onSuccess: changed,
  });
}

export function useUpdateWebhook() {
  const changed = useWebhooksChanged();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateWebhookRequest }) => api.patch<WebhookEndpoint>(`${base}/${id}`, input),
    onSuccess: changed,
  });
}

/** Switches an endpoint back on and clears its failure count. */
export function useEnableWebhook() {
  const changed = useWebhooksChanged();
  return useMutation({ mutationFn: (id: string) => api.post<WebhookEndpoint>(`${base}/${id}/enable`), onSuccess: changed });
}

export function useDeleteWebhook() {
  const changed = useWebhooksChanged();
  return useMutation({ mutationFn: (id: string) => api.delete(`${base}/${id}`), onSuccess: changed });
}

export function useRotateSecret() {
  const changed = useWebhooksChanged();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookEndpointWithSecret>(`${base}/${id}/rotate-secret`),
    onSuccess: changed,
  });
}

/** Sends a signed ping now; answers with its delivery (succeeded or failed, with the reason). */
export function useTestWebhook() {
  const changed = useWebhooksChanged();
  return useMutation({ mutationFn: (id: string) => api.post<WebhookDelivery>(`${base}/${id}/test`), onSuccess: changed });
}

/** Queues a finished delivery again (202); 409 while it is pending or the endpoint is off. */
export function useReplayDelivery() {
  const changed = useWebhooksChanged();
  return useMutation({
    mutationFn: ({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) =>
      api.post<WebhookDelivery>(`${base}/${endpointId}/deliveries/${deliveryId}/replay`),
    onSuccess: changed,
  });
}
