import { queryOptions, useQuery } from '@tanstack/react-query';

import type { CustomerDetail, CustomerPage, OpportunityPage } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { getTickets } from './get-tickets';
import { customerTicketsQueryKey, supportCustomerQueryKey, supportQueryKey } from './query-keys';

// The ticket's customer as the inbox's side panel shows it: the CRM record
// (roles that read customers), their opportunities (CRM roles) and their
// other tickets. Support does not import the CRM feature; it reads the same API.

export const getSupportCustomer = (id: string, signal?: AbortSignal) => api.get<CustomerDetail>(`/customers/${id}`, { signal });

export const supportCustomerQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...supportCustomerQueryKey(id), 'detail'],
    queryFn: ({ signal }) => getSupportCustomer(id, signal),
    staleTime: 60_000,
  });

export const useSupportCustomer = (id: string, enabled: boolean) => useQuery({ ...supportCustomerQueryOptions(id), enabled });

export const getCustomerOpportunities = (customerId: string, signal?: AbortSignal) =>
  api.get<OpportunityPage>('/opportunities', { query: { customer_id: customerId, limit: 10 }, signal });

export const customerOpportunitiesQueryOptions = (customerId: string) =>
  queryOptions({
    queryKey: [...supportCustomerQueryKey(customerId), 'opportunities'],
    queryFn: ({ signal }) => getCustomerOpportunities(customerId, signal),
    staleTime: 60_000,
  });

export const useCustomerOpportunities = (customerId: string, enabled: boolean) =>
  useQuery({ ...customerOpportunitiesQueryOptions(customerId), enabled });

/** The customer's tickets in any status, latest activity first. */
export const customerTicketsQueryOptions = (customerId: string) =>
  queryOptions({
    queryKey: customerTicketsQueryKey(customerId),
    queryFn: ({ signal }) => getTickets({ filters: { customer_id: customerId, status: 'any' }, limit: 20, signal }),
    staleTime: 30_000,
  });

export const useCustomerTickets = (customerId: string) => useQuery(customerTicketsQueryOptions(customerId));

/** Customers matching a name, e-mail or document: the picker that links an unverified contact. */
export const searchSupportCustomers = (q: string, signal?: AbortSignal) =>
  api.get<CustomerPage>('/customers', { query: { q, limit: 8 }, signal });

export const useSupportCustomerSearch = (q: string) =>
  useQuery({
    queryKey: [...supportQueryKey, 'customer-search', q],
    queryFn: ({ signal }) => searchSupportCustomers(q, signal),
    enabled: q.length >= 2,
    staleTime: 30_000,
  });
