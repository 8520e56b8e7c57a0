import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';

import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { meQueryOptions } from '@/lib/auth';
import { useSession } from '@/lib/session';

import { RouteError } from './routes/route-error';
import { SectionGuard } from './section-guard';

// Each page is its own chunk, loaded when first opened.
type RouteModule = { default: React.ComponentType };
const page = (load: () => Promise<RouteModule>) => async () => ({ Component: (await load()).default });

/**
 * Entering the signed-in area: asks for the current user (and, first, a fresh
 * access token) at once, while the pages' chunks are still loading, instead
 * of after them; the shell's query then finds it in flight or done. It waits
 * for nothing (the shell shows the loading and the errors, as before).
 */
const prefetchMe = (queryClient: QueryClient) => () => {
  if (useSession.getState().hasSession) void queryClient.prefetchQuery(meQueryOptions());
  return null;
};

function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteError,
      HydrateFallback: () => <PageSpinner />,
      children: [
        { path: paths.auth.login.path, lazy: page(() => import('./routes/auth/login')) },
        { path: paths.auth.signup.path, lazy: page(() => import('./routes/auth/signup')) },
        { path: paths.auth.forgotPassword.path, lazy: page(() => import('./routes/auth/forgot-password')) },
        { path: paths.auth.resetPassword.path, lazy: page(() => import('./routes/auth/reset-password')) },
        { path: paths.auth.invitation.path, lazy: page(() => import('./routes/auth/accept-invitation')) },
        { path: paths.auth.confirmEmail.path, lazy: page(() => import('./routes/auth/confirm-email')) },
        // The customer's page for a proposal: no login, outside the app's shell.
        { path: paths.public.proposal.path, lazy: page(() => import('./routes/public-proposal')) },
        // The customer's payment page for an invoice: no login either.
        { path: paths.public.invoice.path, lazy: page(() => import('./routes/public-invoice')) },
        {
          lazy: page(() => import('./routes/app/root')),
          loader: prefetchMe(queryClient),
          shouldRevalidate: () => false,
          children: [
            // Each role's start page: the inbox, the pipeline, Financeiro or the Painel.
            { path: paths.app.root.path, lazy: page(() => import('./routes/app/home')) },
            { path: paths.app.dashboard.path, lazy: page(() => import('./routes/app/dashboard')) },
            // Every role's own profile: no section guard.
            { path: paths.app.profile.path, lazy: page(() => import('./routes/app/profile')) },
            {
              path: paths.app.support.root.path,
              element: <SectionGuard section="support" />,
              children: [
                {
                  // One inbox for the list and the open ticket: it stays mounted while tickets change.
                  // The inbox reads the ticket from the URL and renders no <Outlet />: its two leaves
                  // only match the URLs, with an explicit null element (without one React Router warns
                  // "Matched leaf route … does not have an element").
                  lazy: page(() => import('./routes/app/support/inbox')),
                  children: [
                    { index: true, element: null },
                    { path: paths.app.support.ticket.path, element: null },
                  ],
                },
                {
                  path: paths.app.support.settings.root.path,
                  element: <SectionGuard section="support_settings" />,
                  children: [
                    {
                      lazy: page(() => import('./routes/app/support/settings-layout')),
                      children: [
                        { index: true, element: <Navigate to={paths.app.support.settings.channels.getHref()} replace /> },
                        { path: paths.app.support.settings.channels.path, lazy: page(() => import('./routes/app/support/channels')) },
                        { path: paths.app.support.settings.teams.path, lazy: page(() => import('./routes/app/support/teams')) },
                        { path: paths.app.support.settings.queues.path, lazy: page(() => import('./routes/app/support/queues')) },
                        { path: paths.app.support.settings.sla.path, lazy: page(() => import('./routes/app/support/sla')) },
                        { path: paths.app.support.settings.canned.path, lazy: page(() => import('./routes/app/support/canned')) },
                        { path: paths.app.support.settings.triage.path, lazy: page(() => import('./routes/app/support/triage')) },
                        {
                          // Managers configure support but not the LLM's key and spending.
                          element: <SectionGuard section="ai_settings" />,
                          children: [{ path: paths.app.support.settings.ai.path, lazy: page(() => import('./routes/app/support/ai')) }],
                        },
                      ],
                    },
                  ],
                },
              ],
            },
            {
              path: paths.app.crm.root.path,
              element: <SectionGuard section="crm" />,
              children: [
                {
                  lazy: page(() => import('./routes/app/crm/layout')),
                  children: [
                    { index: true, element: <Navigate to={paths.app.crm.customers.getHref()} replace /> },
                    { path: paths.app.crm.customers.path, lazy: page(() => import('./routes/app/crm/customers')) },
                    { path: paths.app.crm.newCustomer.path, lazy: page(() => import('./routes/app/crm/new-customer')) },
                    { path: paths.app.crm.importCustomers.path, lazy: page(() => import('./routes/app/crm/import-customers')) },
                    { path: paths.app.crm.customer.path, lazy: page(() => import('./routes/app/crm/customer')) },
                    { path: paths.app.crm.opportunities.path, lazy: page(() => import('./routes/app/crm/opportunities')) },
                    { path: paths.app.crm.products.path, lazy: page(() => import('./routes/app/crm/products')) },
                    { path: paths.app.crm.proposals.path, lazy: page(() => import('./routes/app/crm/proposals')) },
                    { path: paths.app.crm.newProposal.path, lazy: page(() => import('./routes/app/crm/new-proposal')) },
                    { path: paths.app.crm.proposal.path, lazy: page(() => import('./routes/app/crm/proposal')) },
                    { path: paths.app.crm.contracts.path, lazy: page(() => import('./routes/app/crm/contracts')) },
                    { path: paths.app.crm.newContract.path, lazy: page(() => import('./routes/app/crm/new-contract')) },
                    { path: paths.app.crm.contract.path, lazy: page(() => import('./routes/app/crm/contract')) },
                    { path: paths.app.crm.settings.path, lazy: page(() => import('./routes/app/crm/settings')) },
                  ],
                },
              ],
            },
            {
              path: paths.app.finance.root.path,
              element: <SectionGuard section="finance" />,
              children: [
                {
                  lazy: page(() => import('./routes/app/finance/layout')),
                  children: [
                    { index: true, lazy: page(() => import('./routes/app/finance/dashboard')) },
                    { path: paths.app.finance.invoices.path, lazy: page(() => import('./routes/app/finance/invoices')) },
                    { path: paths.app.finance.newInvoice.path, lazy: page(() => import('./routes/app/finance/new-invoice')) },
                    { path: paths.app.finance.invoice.path, lazy: page(() => import('./routes/app/finance/invoice')) },
                    { path: paths.app.finance.payments.path, lazy: page(() => import('./routes/app/finance/payments')) },
                    { path: paths.app.finance.subscriptions.path, lazy: page(() => import('./routes/app/finance/subscriptions')) },
                    { path: paths.app.finance.newSubscription.path, lazy: page(() => import('./routes/app/finance/new-subscription')) },
                    { path: paths.app.finance.subscription.path, lazy: page(() => import('./routes/app/finance/subscription')) },
                    { path: paths.app.finance.settings.path, lazy: page(() => import('./routes/app/finance/settings')) },
                  ],
                },
              ],
            },
            {
              path: paths.app.automation.root.path,
              element: <SectionGuard section="automation" />,
              children: [
                {
                  lazy: page(() => import('./routes/app/automation/layout')),
                  children: [
                    { index: true, lazy: page(() => import('./routes/app/automation/flows')) },
                    { path: paths.app.automation.bot.path, lazy: page(() => import('./routes/app/automation/bot')) },
                  ],
                },
              ],
            },
            {
              path: paths.app.insights.root.path,
              element: <SectionGuard section="insights" />,
              children: [
                {
                  lazy: page(() => import('./routes/app/insights/layout')),
                  children: [
                    { index: true, lazy: page(() => import('./routes/app/insights/first-tab')) },
                    {
                      element: <SectionGuard section="insights_risk" />,
                      children: [{ path: paths.app.insights.risk.path, lazy: page(() => import('./routes/app/insights/customers-at-risk')) }],
                    },
                    {
                      element: <SectionGuard section="insights_topics" />,
                      children: [{ path: paths.app.insights.topics.path, lazy: page(() => import('./routes/app/insights/topics')) }],
                    },
                  ],
                },
              ],
            },
            {
              path: paths.app.settings.root.path,
              element: <SectionGuard section="settings" />,
              children: [
                {
                  lazy: page(() => import('./routes/app/settings/layout')),
                  children: [
                    { index: true, element: <Navigate to={paths.app.settings.company.getHref()} replace /> },
                    { path: paths.app.settings.company.path, lazy: page(() => import('./routes/app/settings/company')) },
                    { path: paths.app.settings.users.path, lazy: page(() => import('./routes/app/settings/users')) },
                    { path: paths.app.settings.plan.path, lazy: page(() => import('./routes/app/settings/plan')) },
                    { path: paths.app.settings.failedJobs.path, lazy: page(() => import('./routes/app/settings/failed-jobs')) },
                    { path: paths.app.settings.integrations.path, lazy: page(() => import('./routes/app/settings/integrations')) },
                  ],
                },
              ],
            },
          ],
        },
        { path: '*', lazy: page(() => import('./routes/not-found')) },
      ],
    },
  ]);
}

export function AppRouter() {
  const queryClient = useQueryClient();
  const router = useMemo(() => createAppRouter(queryClient), [queryClient]);
  return <RouterProvider router={router} />;
}
