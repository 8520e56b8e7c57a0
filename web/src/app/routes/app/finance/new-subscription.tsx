import { Link, useNavigate } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { SubscriptionForm } from '@/features/finance/components/subscription-form';

import { renderCustomerPicker } from './customer-picker-slot';
import { usePrefilledCustomer } from './prefilled-customer';

export default function NewSubscriptionRoute() {
  const navigate = useNavigate();
  const { customer, loading } = usePrefilledCustomer();
  return (
    <ContentLayout
      title="Nova assinatura"
      description={
        <Link to={paths.app.finance.subscriptions.getHref()} className="text-indigo-800 hover:underline">
          ← Assinaturas
        </Link>
      }
    >
      {loading ? (
        <PageSpinner label="Carregando…" />
      ) : (
        <SubscriptionForm
          key={customer?.id ?? 'none'}
          customer={customer}
          renderCustomerPicker={renderCustomerPicker}
          onCreated={(subscription) => navigate(paths.app.finance.subscription.getHref(subscription.id), { replace: true })}
          onCancel={() => navigate(-1)}
        />
      )}
    </ContentLayout>
  );
}
