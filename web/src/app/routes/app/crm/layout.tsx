import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canConfigureCrm } from '@/lib/authorization';

const TABS = [
  { to: paths.app.crm.customers.getHref(), label: 'Clientes' },
  { to: paths.app.crm.opportunities.getHref(), label: 'Oportunidades' },
  { to: paths.app.crm.products.getHref(), label: 'Produtos' },
  { to: paths.app.crm.proposals.getHref(), label: 'Propostas' },
  { to: paths.app.crm.contracts.getHref(), label: 'Contratos' },
];

export default function CrmLayout() {
  const { user } = useMe();
  const tabs = canConfigureCrm(user.role)
    ? [...TABS, { to: paths.app.crm.settings.getHref(), label: 'Configurações do CRM' }]
    : TABS;
  return <SectionTabs label="CRM" tabs={tabs} />;
}
