import { SectionTabs } from '@/components/layouts/section-tabs';
import { paths } from '@/config/paths';
import { useMe } from '@/lib/auth';
import { canConfigureFinance } from '@/lib/authorization';

const TABS = [
  // The dashboard's path prefixes every other finance page.
  { to: paths.app.finance.root.getHref(), label: 'Painel', end: true },
  { to: paths.app.finance.invoices.getHref(), label: 'Faturas' },
  { to: paths.app.finance.payments.getHref(), label: 'Pagamentos' },
  { to: paths.app.finance.subscriptions.getHref(), label: 'Assinaturas' },
];

export default function FinanceLayout() {
  const { user } = useMe();
  const tabs = canConfigureFinance(user.role) ? [...TABS, { to: paths.app.finance.settings.getHref(), label: 'Configurações' }] : TABS;
  return <SectionTabs label="Financeiro" tabs={tabs} />;
}
