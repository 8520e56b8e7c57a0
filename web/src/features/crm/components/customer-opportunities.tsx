import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { Customer } from '@/lib/api/models';
import { usePipelines } from '@/lib/api/pipelines';

import { OpportunitiesTable } from './opportunities-table';
import { NewOpportunityDialog } from './opportunity-form';

/** The customer's deals, with a shortcut to open a new one for them. */
export function CustomerOpportunities({ customer }: { customer: Pick<Customer, 'id' | 'name'> }) {
  const pipelines = usePipelines();
  const [creating, setCreating] = useState(false);
  const list = pipelines.data ?? [];
  return (
    <section aria-labelledby="customer-opportunities-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2 p-4 sm:px-6">
        <h2 id="customer-opportunities-title" className="text-base font-semibold text-slate-900">
          Oportunidades
        </h2>
        <Button size="sm" variant="secondary" onClick={() => setCreating(true)} disabled={list.length === 0}>
          + Nova oportunidade
        </Button>
      </div>
      <OpportunitiesTable
        filters={{ customer_id: customer.id }}
        pipelines={list}
        hideCustomer
        emptyText="Nenhuma oportunidade para este cliente."
      />
      <NewOpportunityDialog open={creating} onClose={() => setCreating(false)} pipelines={list} customer={customer} />
    </section>
  );
}
