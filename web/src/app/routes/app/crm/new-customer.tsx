import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { paths } from '@/config/paths';
import { CreatedDuplicates } from '@/features/crm/components/created-duplicates';
import { CustomerForm, type CustomerSaved } from '@/features/crm/components/customer-form';
import { useMe } from '@/lib/auth';

export default function NewCustomerRoute() {
  const { user } = useMe();
  const navigate = useNavigate();
  const [saved, setSaved] = useState<CustomerSaved | null>(null);
  return (
    <ContentLayout
      title="Novo cliente"
      description={
        <Link to={paths.app.crm.customers.getHref()} className="text-indigo-800 hover:underline">
          ← Voltar para clientes
        </Link>
      }
    >
      {saved ? (
        <CreatedDuplicates customer={saved.customer} duplicates={saved.duplicates} />
      ) : (
        <CustomerForm
          defaultOwnerId={user.id}
          onCancel={() => navigate(paths.app.crm.customers.getHref())}
          onSaved={(result) => {
            if (result.duplicates.length > 0) setSaved(result);
            else navigate(paths.app.crm.customer.getHref(result.customer.id), { replace: true });
          }}
        />
      )}
    </ContentLayout>
  );
}
