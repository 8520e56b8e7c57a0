import { io, type Socket } from 'socket.io-client';

import { env } from '@/config/env';

import { refreshAccessToken } from './api-client';
import { getAccessToken, useSession } from './session';

// One Socket.IO connection per signed-in tab. The server authenticates the
// handshake with the access token and puts the socket in the tenant's room.

/** `opportunity.moved`: a card changed stage or place on a kanban. */
export type OpportunityMovedEvent = {
  id: string;
  pipeline_id: string;
  from_stage_id: string;
  stage_id: string;
  position: number;
  version: number;
};

export type RealtimeEvents = {
  'user.updated': (payload: unknown) => void;
  'company.updated': (payload: unknown) => void;
  'customer.created': (payload: { id: string }) => void;
  'customer.updated': (payload: { id: string }) => void;
  'customer.merged': (payload: { survivor_id: string; merged_id: string }) => void;
  'customer.deleted': (payload: { id: string }) => void;
  /** A CSV import finished and kept its rows. */
  'customers.imported': (payload: { import_id: string; created: number; updated: number; skipped: number }) => void;
  'opportunity.created': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.updated': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.deleted': (payload: { id: string; pipeline_id: string }) => void;
  'opportunity.moved': (payload: OpportunityMovedEvent) => void;
  'proposal.created': (payload: { id: string; customer_id: string }) => void;
  'proposal.updated': (payload: { id: string; revision: number }) => void;
  'proposal.sent': (payload: { id: string; customer_id: string }) => void;
  'proposal.viewed': (payload: { id: string }) => void;
  /** Accepted through the public link: a signed contract exists and the deal is won. */
  'proposal.accepted': (payload: { id: string; contract_id: string; customer_id: string }) => void;
  'proposal.rejected': (payload: { id: string }) => void;
  'proposal.expired': (payload: { id: string }) => void;
  ContractSigned: (payload: { contract_id: string; customer_id: string }) => void;
  ContractCancelled: (payload: { contract_id: string; customer_id: string }) => void;
  'contract.suspended': (payload: { contract_id: string }) => void;
  'contract.active': (payload: { contract_id: string }) => void;
  'contract.ended': (payload: { contract_id: string }) => void;
  // Finance: invoices, payments and subscriptions (from people, contracts, jobs and gateway webhooks).
  InvoiceIssued: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoiceCancelled: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoicePaid: (payload: { invoice_id: string; customer_id: string }) => void;
  InvoiceReminderDue: (payload: unknown) => void;
  'invoice.sent': (payload: { invoice_id: string; to: string }) => void;
  PaymentReceived: (payload: { payment_id: string; customer_id: string }) => void;
  PaymentNeedsReview: (payload: unknown) => void;
  PaymentRefunded: (payload: unknown) => void;
  PaymentFailed: (payload: unknown) => void;
  SubscriptionStarted: (payload: { subscription_id: string; customer_id: string }) => void;
  SubscriptionChanged: (payload: { subscription_id: string; customer_id: string }) => void;
  SubscriptionPaused: (payload: { subscription_id: string }) => void;
  SubscriptionResumed: (payload: { subscription_id: string }) => void;
  SubscriptionCancelled: (payload: { subscription_id: string; customer_id: string }) => void;
};

const MAX_AUTH_RETRIES = 3;

export function connectRealtime(handlers: Partial<RealtimeEvents>): () => void {
  const options = {
    path: '/socket.io',
    // Read at every (re)connection, so a refreshed token is used.
    auth: (cb: (data: object) => void) => cb({ token: getAccessToken() }),
  };
  const socket: Socket = env.SOCKET_URL ? io(env.SOCKET_URL, options) : io(options);

  for (const [event, handler] of Object.entries(handlers)) {
    if (handler) socket.on(event, handler as (...args: unknown[]) => void);
  }

  // A refused handshake (socket.active === false) is not retried by the
  // client: renew the token if it is due and try again a few times.
  let authRetries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  socket.on('connect', () => {
    authRetries = 0;
  });
  socket.on('connect_error', () => {
    if (socket.active || authRetries >= MAX_AUTH_RETRIES) return;
    authRetries += 1;
    timer = setTimeout(async () => {
      const { accessExpiresAt } = useSession.getState();
      const due = !getAccessToken() || (accessExpiresAt !== null && Date.now() >= accessExpiresAt);
      try {
        const token = due ? await refreshAccessToken() : getAccessToken();
        if (token) socket.connect();
      } catch {
        // network trouble: leave it; the next page load tries again
      }
    }, 1000 * 2 ** authRetries);
  });

  return () => {
    clearTimeout(timer);
    socket.removeAllListeners();
    socket.disconnect();
  };
}
