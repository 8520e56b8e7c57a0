import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import type { ConnectionTest, Gateway, SaveGatewayRequest } from '@/lib/api/models';
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
