import { Link } from 'react-router';

import { paths } from '@/config/paths';
import type { Customer } from '@/lib/api/models';

import { ContractsTable } from './contracts-table';
import { ProposalsTable } from './proposals-table';

const smallLink =
  'inline-flex h-8 items-center justify-center rounded-md bg-white px-3 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50';

/** The customer's proposals, newest first, with a shortcut to a new one. */
export function CustomerProposals({ customer }: { customer: Pick<Customer, 'id' | 'name'> }) {
  return (
    <section aria-labelledby="customer-proposals-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2 p-4 sm:px-6">
        <h2 id="customer-proposals-title" className="text-base font-semibold text-slate-900">
          Propostas
        </h2>
        <Link to={paths.app.crm.newProposal.getHref({ customerId: customer.id })} className={smallLink}>
          + Nova proposta
        </Link>
      </div>
      <ProposalsTable
        filters={{ customer_id: customer.id }}
        hideCustomer
        caption={`Propostas de ${customer.name}`}
        emptyText="Nenhuma proposta para este cliente."
      />
    </section>
  );
}

/** The customer's contracts (from accepted proposals or typed by hand). */
export function CustomerContracts({ customer }: { customer: Pick<Customer, 'id' | 'name'> }) {
  return (
    <section aria-labelledby="customer-contracts-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
      <div className="flex items-center justify-between gap-2 p-4 sm:px-6">
        <h2 id="customer-contracts-title" className="text-base font-semibold text-slate-900">
          Contratos
        </h2>
        <Link to={paths.app.crm.newContract.getHref(customer.id)} className={smallLink}>
          + Novo contrato
        </Link>
      </div>
      <ContractsTable
        filters={{ customer_id: customer.id }}
        hideCustomer
        caption={`Contratos de ${customer.name}`}
        emptyText="Nenhum contrato para este cliente."
      />
    </section>
  );
}
