import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';
import { OpportunityExtrasProvider } from '@/features/crm/components/opportunity-extras-slot';
import { useMe } from '@/lib/auth';
import { canConfigureCrm } from '@/lib/authorization';

import { renderOpportunityAutomations } from './opportunity-automations-slot';

const TABS = [
  { to: paths.app.crm.customers.getHref(), label: 'Clientes' },
  { to: paths.app.crm.opportunities.getHref(), label: 'Oportunidades' },
  { to: paths.app.crm.products.getHref(), label: 'Produtos' },
  { to: paths.app.crm.proposals.getHref(), label: 'Propostas' },
  { to: paths.app.crm.contracts.getHref(), label: 'Contratos' },
];

/** The CRM's tabs; a deal opened on any CRM page (the board, the list, a customer's page) shows automation's runs on it. */
export default function CrmLayout() {
  const { user } = useMe();
  const tabs = canConfigureCrm(user.role)
    ? [...TABS, { to: paths.app.crm.settings.getHref(), label: 'Configurações do CRM' }]
    : TABS;
  return (
    <OpportunityExtrasProvider render={renderOpportunityAutomations}>
      <SectionTabs label="CRM" tabs={tabs} />
    </OpportunityExtrasProvider>
  );
}
