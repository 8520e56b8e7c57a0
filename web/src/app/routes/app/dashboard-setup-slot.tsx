import { useCompany } from '@/features/company/api/get-company';
import { useHasOpportunities } from '@/features/crm/api/get-opportunities';
import { useHasProducts } from '@/features/crm/api/get-products';
import { useFinanceSettings } from '@/features/finance/api/finance-settings';
import { useGateways } from '@/features/finance/api/gateways';
import { SetupGuide } from '@/features/onboarding/components/setup-guide';
import { useSetupGuideHidden } from '@/features/onboarding/hooks/use-setup-guide-hidden';
import { type Reading, setupSteps } from '@/features/onboarding/utils/setup-steps';
import { useChannels } from '@/features/support/api/channels';
import { ConnectWebchat } from '@/features/support/components/connect-webchat';
import { usePipelines } from '@/lib/api/pipelines';
import { useAllUsers } from '@/lib/api/users';
import { useMe } from '@/lib/auth';
import { canManageCompany } from '@/lib/authorization';

/** A query as the guide reads it: data, `null` when it failed (a 403 too), `undefined` while loading. */
const reading = <T,>(query: { data?: T; isError: boolean }): Reading<T> => (query.isError ? null : query.data);

const count = (query: { data?: readonly unknown[]; isError: boolean }): Reading<number> => {
  const list = reading(query);
  return list == null ? list : list.length;
};

/** The guide's data, from the same queries (and cache keys) as the pages that do each step. */
function SetupGuideWithData({ onHide }: { onHide: () => void }) {
  const company = useCompany();
  const users = useAllUsers();
  const channels = useChannels();
  const products = useHasProducts();
  const financeSettings = useFinanceSettings();
  const gateways = useGateways();
  const pipelines = usePipelines();
  const opportunities = useHasOpportunities();

  const steps = setupSteps({
    company: reading(company),
    users: reading(users),
    channelCount: count(channels),
    hasProducts: reading(products),
    financeSettings: reading(financeSettings),
    gateways: reading(gateways),
    // A new company's default pipeline comes from a job a moment after signup: an empty list is "not yet".
    pipelineCount: count(pipelines),
    hasOpportunities: reading(opportunities),
  });
  const hasChannel = (channels.data?.length ?? 0) > 0;
  return <SetupGuide steps={steps} actions={{ channel: <ConnectWebchat connected={hasChannel} /> }} onHide={onHide} />;
}

/**
 * The Painel's setup guide for owners and admins (the roles that can do
 * every step), until they hide it — remembered per company and user in
 * this browser — or every step is done.
 */
export function DashboardSetupSlot() {
  const { user, company } = useMe();
  const [hidden, hide] = useSetupGuideHidden(company.id, user.id);
  if (!canManageCompany(user.role) || hidden) return null;
  return <SetupGuideWithData onHide={hide} />;
}
