import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Contract } from '@/lib/api/models';
import { BILLING_PERIOD_SUFFIX, contractNumber } from '@/lib/commercial';
import { formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useContracts, type ContractFilters } from '../api/get-contracts';

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
  hideCustomer?: boolean;
  emptyText: React.ReactNode;
  caption?: string;
};

/** Contracts as rows (newest first), with "Carregar mais". */
export function ContractsTable({ filters, hideCustomer = false, emptyText, caption = 'Contratos' }: ContractsTableProps) {
  const list = useContracts(filters);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <PageSpinner label="Carregando contratos…" />;
  if (list.isError) {
    return (
      <div className="p-4">
        <Alert title="Não foi possível carregar os contratos">{problemMessage(list.error)}</Alert>
      </div>
    );
  }
  return (
    <div>
      {items.length === 0 ? (
        <div role="status" className="p-6 text-center text-sm text-slate-600">
          {emptyText}
        </div>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Número
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Título
                </th>
                {!hideCustomer && (
                  <th scope="col" className="px-4 py-3 font-medium">
                    Cliente
                  </th>
                )}
                <th scope="col" className="px-4 py-3 font-medium">
                  Situação
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  Valores
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Início
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((k) => (
                <tr key={k.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3 whitespace-nowrap">
                    <Link to={paths.app.crm.contract.getHref(k.id)} className="font-mono text-xs font-medium text-indigo-800 hover:underline">
                      {contractNumber(k.number)}
                    </Link>
                  </td>
                  <td className="px-4 py-3">
                    <Link to={paths.app.crm.contract.getHref(k.id)} className="font-medium text-indigo-800 hover:underline">
                      {k.title}
                    </Link>
                  </td>
                  {!hideCustomer && (
                    <td className="px-4 py-3">
                      <Link to={paths.app.crm.customer.getHref(k.customer_id)} className="text-slate-700 hover:underline">
                        {k.customer_name}
                      </Link>
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <ContractStatusBadge status={k.status} />
                  </td>
                  <td className="px-4 py-3 text-right text-slate-900 tabular-nums">
                    <ContractAmounts contract={k} />
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">{formatIsoDate(k.start_date)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <div className="border-t border-slate-200 p-4 text-center">
          <Button variant="secondary" onClick={() => list.fetchNextPage()} isLoading={list.isFetchingNextPage}>
            Carregar mais
          </Button>
        </div>
      )}
    </div>
  );
}
