import { useState } from 'react';
import { Link, useParams } from 'react-router';

import { ContentLayout } from '@/components/layouts/content-layout';
import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { CustomerAutomations } from '@/features/automation/components/record-runs';
import { useCustomer } from '@/features/crm/api/get-customer';
import { ContactsPanel } from '@/features/crm/components/contacts-panel';
import { CustomerContracts, CustomerProposals } from '@/features/crm/components/customer-deals';
import { CustomerForm } from '@/features/crm/components/customer-form';
import { CustomerOpportunities } from '@/features/crm/components/customer-opportunities';
import { CustomerOverview } from '@/features/crm/components/customer-overview';
import { CustomerTimeline } from '@/features/crm/components/customer-timeline';
import { formatDocument } from '@/features/crm/components/labels';
import { CustomerInvoices } from '@/features/finance/components/customer-invoices';
import { CustomerRiskCard } from '@/features/insights/components/customer-risk-card';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { problemMessage } from '@/lib/problem';

const back = (
  <Link to={paths.app.crm.customers.getHref()} className="text-indigo-800 hover:underline">
    ← Clientes
  </Link>
);

export default function CustomerRoute() {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  const [editing, setEditing] = useState(false);
  const { user } = useMe();

  if (customer.isPending) return <PageSpinner label="Carregando cliente…" />;
  if (customer.isError) {
    return (
      <ContentLayout title="Cliente" description={back}>
        <Alert title={customer.error && 'status' in customer.error && customer.error.status === 404 ? 'Cliente não encontrado' : 'Não foi possível carregar o cliente'}>
          {problemMessage(customer.error, { 404: 'Ele pode ter sido excluído ou unido a outro cadastro.' })}
        </Alert>
      </ContentLayout>
    );
  }
  const c = customer.data;
  const document = formatDocument(c.kind, c.document);

  return (
    <ContentLayout
      title={c.name}
      description={<span className="flex flex-wrap gap-x-3">{back}{document && <span>{document}</span>}</span>}
      actions={
        !editing && (
          <Link
            to={paths.app.crm.newProposal.getHref({ customerId: c.id })}
            className="inline-flex h-10 items-center justify-center rounded-md bg-indigo-700 px-4 text-sm font-medium text-white hover:bg-indigo-800"
          >
            Nova proposta
          </Link>
        )
      }
    >
      {editing ? (
        <CustomerForm key={c.id} customer={c} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
      ) : (
        // The side column keeps a fixed width so the deals, proposals and contracts tables fit a 1366 px screen whole;
        // narrower, they scroll inside their cards (min-w-0: never the page).
        <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-6">
            <CustomerOverview customer={c} onEdit={() => setEditing(true)} />
            <ContactsPanel customerId={c.id} contacts={c.contacts} />
            <CustomerOpportunities customer={c} />
            <CustomerProposals customer={c} />
            <CustomerContracts customer={c} />
            {canAccess(user.role, 'finance') && <CustomerInvoices customer={c} />}
          </div>
          <div className="min-w-0 space-y-6">
            <CustomerRiskCard customerId={c.id} />
            <CustomerTimeline customerId={c.id} />
            {canAccess(user.role, 'automation') && <CustomerAutomations customerId={c.id} />}
          </div>
        </div>
      )}
    </ContentLayout>
  );
}
