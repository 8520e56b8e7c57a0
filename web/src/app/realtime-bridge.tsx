import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { env } from '@/config/env';
import { flowsQueryKey, recordRunsQueryKey } from '@/features/automation/api/flows';
import { companyQueryKey } from '@/features/company/api/get-company';
import { applyOpportunityMoved } from '@/features/crm/api/get-board';
import { contractsQueryKey } from '@/features/crm/api/get-contracts';
import { customerImportsQueryKey } from '@/features/crm/api/get-customer-imports';
import { customersQueryKey } from '@/features/crm/api/get-customers';
import { opportunitiesQueryKey } from '@/features/crm/api/get-opportunities';
import { proposalsQueryKey } from '@/features/crm/api/get-proposals';
import { invalidateDashboard } from '@/features/dashboard/api/live-updates';
import { financeQueryKey } from '@/features/finance/api/query-keys';
import { notificationsQueryKey } from '@/features/notifications/api/notifications';
import { companyPlanQueryKey } from '@/features/plans/api/get-company-plan';
import { supportRealtimeHandlers } from '@/features/support/api/live-updates';
import { supportCustomersQueryKey } from '@/features/support/api/query-keys';
import { invitationsQueryKey } from '@/features/users/api/get-invitations';
import { usersQueryKey } from '@/features/users/api/get-users';
import type { Me } from '@/lib/api/models';
import { meQueryKey } from '@/lib/auth';
import type { RealtimeEvents } from '@/lib/realtime';
import { useSession } from '@/lib/session';

/**
 * Keeps cached data fresh when another user changes it: server events
 * invalidate queries. The connection's code (the Socket.IO client, about
 * 40 kB) is loaded once signed in, in a chunk of its own: the entry chunk and
 * the sign-in page do without it.
 */
export function RealtimeBridge() {
  const queryClient = useQueryClient();
  const hasSession = useSession((state) => state.hasSession);
  const hasAccessToken = useSession((state) => state.accessToken !== null);
  // A different user signing in on this tab gets a new connection.
  const generation = useSession((state) => state.generation);

  useEffect(() => {
    if (!env.ENABLE_REALTIME || !hasSession || !hasAccessToken) return;
    const invalidate = (...keys: ReadonlyArray<readonly unknown[]>) => {
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
    };
    const support = supportRealtimeHandlers(queryClient, () => queryClient.getQueryData<Me>(meQueryKey)?.user.id ?? null);
    const handlers: Partial<RealtimeEvents> = {
      UserUpdated: () => invalidate(usersQueryKey, invitationsQueryKey, meQueryKey, companyPlanQueryKey),
      UserJoined: () => invalidate(usersQueryKey, invitationsQueryKey, companyPlanQueryKey),
      UserInvited: () => invalidate(invitationsQueryKey, companyPlanQueryKey),
      CompanyUpdated: () => invalidate(companyQueryKey, meQueryKey, companyPlanQueryKey),
      // CRM: customers change names on cards, merges move opportunities.
      CustomerCreated: () => invalidate(customersQueryKey),
      CustomerUpdated: () => invalidate(customersQueryKey, opportunitiesQueryKey),
      CustomerMerged: () => invalidate(customersQueryKey, opportunitiesQueryKey),
      CustomerDeleted: () => invalidate(customersQueryKey),
      CustomersImported: () => invalidate(customersQueryKey, customerImportsQueryKey),
      // The inbox's customer panel reads deals under its own key.
      OpportunityCreated: () =>
        invalidate(opportunitiesQueryKey, supportCustomersQueryKey, [...customersQueryKey, 'timeline']),
      OpportunityUpdated: () => invalidate(opportunitiesQueryKey, supportCustomersQueryKey),
      OpportunityDeleted: () => invalidate(opportunitiesQueryKey, supportCustomersQueryKey),
      // A moved card is patched into open boards at once (no refetch); lists
      // and timelines refresh.
      OpportunityMoved: (event) => {
        applyOpportunityMoved(queryClient, event);
        invalidate([...opportunitiesQueryKey, 'list'], supportCustomersQueryKey, [...customersQueryKey, 'timeline']);
      },
      // Proposals: the customer viewing, accepting or refusing shows up at
      // once on open proposal pages (an editor with unsaved changes keeps
      // them; its save then answers 409).
      ProposalCreated: () => invalidate([...proposalsQueryKey, 'list'], [...customersQueryKey, 'timeline']),
      ProposalUpdated: () => invalidate(proposalsQueryKey),
      ProposalSent: () => invalidate(proposalsQueryKey, [...customersQueryKey, 'timeline']),
      ProposalViewed: () => invalidate(proposalsQueryKey, [...customersQueryKey, 'timeline']),
      ProposalAccepted: () =>
        invalidate(
          proposalsQueryKey,
          contractsQueryKey,
          opportunitiesQueryKey,
          supportCustomersQueryKey,
          [...customersQueryKey, 'timeline'],
        ),
      ProposalRejected: () => invalidate(proposalsQueryKey, [...customersQueryKey, 'timeline']),
      ProposalExpired: () => invalidate(proposalsQueryKey, [...customersQueryKey, 'timeline']),
      ContractSigned: () => invalidate(contractsQueryKey, [...customersQueryKey, 'timeline']),
      ContractCancelled: () => invalidate(contractsQueryKey, [...customersQueryKey, 'timeline']),
      ContractStatusChanged: () => invalidate(contractsQueryKey),
      // Finance: a payment (by hand, or a gateway's webhook) changes invoices,
      // credit and the dashboard at once; the customer's timeline tells it.
      InvoiceIssued: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      InvoiceCancelled: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      InvoicePaid: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      InvoiceReminderDue: () => invalidate([...customersQueryKey, 'timeline']),
      InvoiceSent: () => invalidate([...customersQueryKey, 'timeline']),
      PaymentReceived: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      PaymentNeedsReview: () => invalidate(financeQueryKey),
      PaymentRefunded: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      PaymentFailed: () => invalidate(financeQueryKey),
      SubscriptionStarted: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      SubscriptionChanged: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      SubscriptionPaused: () => invalidate(financeQueryKey),
      SubscriptionResumed: () => invalidate(financeQueryKey),
      SubscriptionCancelled: () => invalidate(financeQueryKey, [...customersQueryKey, 'timeline']),
      // Support: the inbox's lists, the open ticket and its conversation are
      // patched in place (see features/support/api/live-updates.ts); a new
      // ticket or a resolution also shows on the customer's timeline.
      ...support,
      TicketCreated: (event) => {
        support.TicketCreated?.(event);
        invalidate([...customersQueryKey, 'timeline']);
      },
      TicketResolved: () => invalidate([...customersQueryKey, 'timeline']),
      // Automation: a flow that paused itself after repeated failures shows
      // it (and why) at once; a button pressed on a ticket starts a run in
      // its history.
      FlowPaused: () => invalidate(flowsQueryKey),
      FlowRunRequested: (event) => invalidate(recordRunsQueryKey(event.ticket_id)),
      // The dashboard: the rollups behind these sections changed (after the
      // events above reached the analytics job); the open dashboard reads them again.
      dashboard_changed: (signal) => invalidateDashboard(queryClient, signal.sections),
      // To this person only: the bell reads its list and count again.
      notification: () => invalidate(notificationsQueryKey),
    };
    let closed = false;
    let close: (() => void) | undefined;
    import('@/lib/realtime-connection').then(
      ({ connectRealtime }) => {
        if (!closed) close = connectRealtime(handlers);
      },
      (error: unknown) => {
        // Without live updates the app still works (a list is current when
        // read again); the next page load tries again.
        console.warn('realtime unavailable:', error);
      },
    );
    return () => {
      closed = true;
      close?.();
    };
  }, [queryClient, hasSession, hasAccessToken, generation]);

  return null;
}
