import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import type { Contract } from '@/lib/api/models';
import { BILLING_PERIOD_SUFFIX, contractNumber } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';

import { useContracts, type ContractFilters } from '../api/get-contracts';

import { customerColumn } from './customer-column';
import { formatIsoDate } from './labels';
import { ContractStatusBadge } from './status-badges';

/** "R$ 199,90/mês" and/or "R$ 269,99 (único)". */
export function ContractAmounts({ contract }: { contract: Pick<Contract, 'one_time_cents' | 'recurring_cents' | 'recurrence'> }) {
  return (
    <>
      {contract.recurring_cents > 0 && (
        <p className="whitespace-nowrap">
          {formatMoney(contract.recurring_cents)}
          {BILLING_PERIOD_SUFFIX[contract.recurrence]}
        </p>
      )}
      {(contract.one_time_cents > 0 || contract.recurring_cents === 0) && (
        <p className="text-xs whitespace-nowrap text-slate-500">{formatMoney(contract.one_time_cents)} único</p>
      )}
    </>
  );
}

type ContractsTableProps = {
  filters: ContractFilters;
  /** Hide the customer column (on the customer's own page). */
  hideCustomer?: boolean;
  emptyText: React.ReactNode;
  caption?: string;
};

const columns = (hideCustomer: boolean): Column<Contract>[] => [
  {
    key: 'number',
    header: 'Número',
    className: 'whitespace-nowrap',
    cell: (k) => (
      <Link to={paths.app.crm.contract.getHref(k.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
        {contractNumber(k.number)}
      </Link>
    ),
  },
  {
    key: 'title',
    header: 'Título',
    cell: (k) => (
      <Link to={paths.app.crm.contract.getHref(k.id)} className="font-medium text-indigo-800 hover:underline">
        {k.title}
      </Link>
    ),
  },
  customerColumn(hideCustomer),
  { key: 'status', header: 'Situação', cell: (k) => <ContractStatusBadge status={k.status} /> },
  { key: 'amounts', header: 'Valores', align: 'right', className: 'text-slate-900 tabular-nums', cell: (k) => <ContractAmounts contract={k} /> },
  { key: 'start', header: 'Início', className: 'whitespace-nowrap text-slate-700', cell: (k) => formatIsoDate(k.start_date) },
];

/** Contracts as rows (newest first), with "Carregar mais". */
export function ContractsTable({ filters, hideCustomer = false, emptyText, caption = 'Contratos' }: ContractsTableProps) {
  const query = useContracts(filters);
  return (
    <InfiniteTable
      query={query}
      columns={columns(hideCustomer)}
      rowKey={(k) => k.id}
      caption={caption}
      loadingLabel="Carregando contratos…"
      errorTitle="Não foi possível carregar os contratos"
      emptyText={emptyText}
      minWidth={hideCustomer ? 'min-w-[34rem]' : undefined}
    />
  );
}
