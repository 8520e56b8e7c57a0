import { Link, useParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useSubscription } from '@/features/finance/api/get-subscriptions';
import { CustomerLink } from '@/features/finance/components/customer-link';
import { SubscriptionStatusBadge } from '@/features/finance/components/status-badges';
import { SubscriptionView } from '@/features/finance/components/subscription-view';
import { isApiError, problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.finance.subscriptions.getHref()} className="text-indigo-800 hover:underline">
    ← Assinaturas
  </Link>
);

export default function SubscriptionRoute() {
  const { id = '' } = useParams();
  const subscription = useSubscription(id);
  if (subscription.isPending) return <PageSpinner label="Carregando assinatura…" />;
  if (subscription.isError) {
    const notFound = isApiError(subscription.error) && subscription.error.status === 404;
    return (
      <ContentLayout title="Assinatura" description={back}>
        <Alert title={notFound ? 'Assinatura não encontrada' : 'Não foi possível carregar a assinatura'}>{problemMessage(subscription.error)}</Alert>
      </ContentLayout>
    );
  }
  const s = subscription.data;
  return (
    <ContentLayout
      wide
      title={s.description}
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {back}
          <SubscriptionStatusBadge status={s.status} />
          <CustomerLink id={s.customer_id} name={s.customer_name} />
        </span>
      }
    >
      <div className="mx-auto max-w-7xl">
        <SubscriptionView subscription={s} />
      </div>
    </ContentLayout>
  );
}
