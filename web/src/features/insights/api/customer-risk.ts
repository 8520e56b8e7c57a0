import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CustomerRisk } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { customerRiskQueryKey } from './query-keys';

/** Score, level and reasons; invoices and subscriptions are left out for a role that does not see finance. */
export const getCustomerRisk = (customerId: string, signal?: AbortSignal) =>
  api.get<CustomerRisk>(`/customers/${customerId}/insights`, { signal });

export const customerRiskQueryOptions = (customerId: string) =>
  queryOptions({ queryKey: customerRiskQueryKey(customerId), queryFn: ({ signal }) => getCustomerRisk(customerId, signal), staleTime: 60_000 });

export const useCustomerRisk = (customerId: string) => useQuery(customerRiskQueryOptions(customerId));
