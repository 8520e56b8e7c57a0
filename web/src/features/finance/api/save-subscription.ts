import { useMutation, useQueryClient } from '@tanstack/react-query';

import type { ChangeSubscriptionPlanRequest, CreateSubscriptionRequest, Subscription } from '@/lib/api/models';
import { api } from '@/lib/api-client';

import { subscriptionQueryKey } from './get-subscriptions';
import { invoicesQueryKey, reportsQueryKey, subscriptionsQueryKey } from './query-keys';

/** A subscription without a contract (a signed contract makes its own). The first period is billed at once. */
export const createSubscription = (input: CreateSubscriptionRequest) => api.post<Subscription>('/subscriptions', input);

/** New amount from the next period; the rest of the current one is prorated by day onto the next invoice. */
export const changeSubscriptionPlan = ({ id, input }: { id: string; input: ChangeSubscriptionPlanRequest }) =>
  api.patch<Subscription>(`/subscriptions/${id}`, input);

/** active → paused; paused → active (periods that started while paused are not billed). 409 otherwise. */
export type SubscriptionTransition = 'pause' | 'resume';

export const changeSubscriptionStatus = ({ id, action }: { id: string; action: SubscriptionTransition }) =>
  api.post<Subscription>(`/subscriptions/${id}/${action}`);

export const cancelSubscription = ({ id, reason }: { id: string; reason: string }) =>
  api.post<Subscription>(`/subscriptions/${id}/cancel`, { reason });

function useSubscriptionSaved() {
  const queryClient = useQueryClient();
  return (subscription: Subscription) => {
    queryClient.setQueryData(subscriptionQueryKey(subscription.id), subscription);
    void queryClient.invalidateQueries({ queryKey: [...subscriptionsQueryKey, 'list'] });
    // Creating or resuming bills what is due; MRR changes.
    void queryClient.invalidateQueries({ queryKey: invoicesQueryKey });
    void queryClient.invalidateQueries({ queryKey: reportsQueryKey });
  };
}

export function useCreateSubscription() {
  const saved = useSubscriptionSaved();
  return useMutation({ mutationFn: createSubscription, onSuccess: saved });
}

export function useChangeSubscriptionPlan() {
  const saved = useSubscriptionSaved();
  return useMutation({ mutationFn: changeSubscriptionPlan, onSuccess: saved });
}

export function useChangeSubscriptionStatus() {
  const saved = useSubscriptionSaved();
  return useMutation({ mutationFn: changeSubscriptionStatus, onSuccess: saved });
}

export function useCancelSubscription() {
  const saved = useSubscriptionSaved();
  return useMutation({ mutationFn: cancelSubscription, onSuccess: saved });
}
