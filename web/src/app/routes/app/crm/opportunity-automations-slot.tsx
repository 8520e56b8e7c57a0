import { DealAutomations } from '@/features/automation/components/record-runs';
import type { RenderOpportunityExtras } from '@/features/crm/components/opportunity-extras-slot';
import type { Opportunity } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';

/** Automation's run history in a deal's dialog, for the roles that may use automation. */
function OpportunityAutomationsSlot({ opportunity }: { opportunity: Opportunity }) {
  const { user } = useMe();
  if (!canAccess(user.role, 'automation')) return null;
  return <DealAutomations opportunityId={opportunity.id} />;
}

export const renderOpportunityAutomations: RenderOpportunityExtras = (opportunity) => <OpportunityAutomationsSlot opportunity={opportunity} />;
