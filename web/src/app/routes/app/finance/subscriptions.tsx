import { Link } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { SubscriptionsList } from '@/features/finance/components/subscriptions-list';

export default function SubscriptionsRoute() {
  return (
    <ContentLayout
      title="Assinaturas"
      description="Cobranças recorrentes: uma fatura a cada período."
      actions={
        <Link
          to={paths.app.finance.newSubscription.getHref()}
          className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
        >
          Nova assinatura
        </Link>
      }
    >
      <SubscriptionsList />
    </ContentLayout>
  );
}
