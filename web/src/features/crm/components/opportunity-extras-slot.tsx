import { createContext, useContext, type ReactNode } from 'react';

import type { Opportunity } from '@/lib/api/models';

/**
 * What other features show in a deal's dialog (automation's run history):
 * features do not import each other, so the app layer hands the CRM a
 * renderer through this context. It goes below the deal's form.
 */
export type RenderOpportunityExtras = (opportunity: Opportunity) => ReactNode;

const OpportunityExtrasContext = createContext<RenderOpportunityExtras | null>(null);

/** Set by the app layer around the CRM pages: every deal dialog under it shows these extras. */
export function OpportunityExtrasProvider({ render, children }: { render: RenderOpportunityExtras; children: ReactNode }) {
  return <OpportunityExtrasContext value={render}>{children}</OpportunityExtrasContext>;
}

/** The extras for this deal, or nothing when no provider is set. */
export function OpportunityExtras({ opportunity }: { opportunity: Opportunity }) {
  const render = useContext(OpportunityExtrasContext);
  return render ? render(opportunity) : null;
}
