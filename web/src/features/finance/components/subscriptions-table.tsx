import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { SubscriptionFilter } from '@/lib/api/models';
import { formatIsoDate, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useSubscriptions } from '../api/get-subscriptions';

import { CustomerLink } from './customer-link';
import { intervalSuffix } from './labels';
import { SubscriptionStatusBadge } from './status-badges';

type Props = { filters: SubscriptionFilter; hideCustomer?: boolean; emptyText: ReactNode; caption?: string };

/** Subscriptions as rows (newest first), with "Carregar mais". */
export function SubscriptionsTable({ filters, hideCustomer = false, emptyText, caption = 'Assinaturas' }: Props) {
  const list = useSubscriptions(filters);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  if (list.isPending) return <PageSpinner label="Carregando assinaturas…" />;
  if (list.isError) {
    return (
      <div className="p-4">
        <Alert title="Não foi possível carregar as assinaturas">{problemMessage(list.error)}</Alert>
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
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Descrição
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
                  Valor
                </th>
                <th scope="col" className="px-4 py-3 text-right font-medium">
                  MRR
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Próxima cobrança
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((subscription) => (
                <tr key={subscription.id} className="hover:bg-slate-50">
                  <td className="px-4 py-3">
                    <Link to={paths.app.finance.subscription.getHref(subscription.id)} className="font-medium text-indigo-800 hover:underline">
                      {subscription.description}
                    </Link>
                  </td>
                  {!hideCustomer && (
                    <td className="px-4 py-3">
                      <CustomerLink id={subscription.customer_id} name={subscription.customer_name} className="text-slate-700" />
                    </td>
                  )}
                  <td className="px-4 py-3">
                    <SubscriptionStatusBadge status={subscription.status} />
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap text-slate-900 tabular-nums">
                    {formatMoney(subscription.amount_cents)}
                    {intervalSuffix(subscription.interval_months)}
                  </td>
                  <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700 tabular-nums">
                    {subscription.status === 'active' ? formatMoney(subscription.mrr_cents) : '—'}
                  </td>
                  <td className="px-4 py-3 whitespace-nowrap text-slate-700">
                    {subscription.status === 'active' || subscription.status === 'paused' ? formatIsoDate(subscription.next_billing_date) : '—'}
                  </td>
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
