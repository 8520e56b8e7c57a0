import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { paths } from '@/config/paths';
import type { Subscription, SubscriptionFilter } from '@/lib/api/models';
import { formatIsoDate, formatMoney } from '@/lib/format';

import { useSubscriptions } from '../api/get-subscriptions';

import { customerColumn } from './customer-link';
import { intervalSuffix } from './labels';
import { SubscriptionStatusBadge } from './status-badges';

type Props = { filters: SubscriptionFilter; hideCustomer?: boolean; emptyText: ReactNode; caption?: string };

const columns = (hideCustomer: boolean): Column<Subscription>[] => [
  {
    key: 'description',
    header: 'Descrição',
    cell: (s) => (
      <Link to={paths.app.finance.subscription.getHref(s.id)} className="font-medium text-indigo-800 hover:underline">
        {s.description}
      </Link>
    ),
  },
  customerColumn(hideCustomer),
  { key: 'status', header: 'Situação', cell: (s) => <SubscriptionStatusBadge status={s.status} /> },
  {
    key: 'amount',
    header: 'Valor',
    align: 'right',
    className: 'whitespace-nowrap text-slate-900 tabular-nums',
    cell: (s) => (
      <>
        {formatMoney(s.amount_cents)}
        {intervalSuffix(s.interval_months)}
      </>
    ),
  },
  {
    key: 'mrr',
    header: 'MRR',
    align: 'right',
    className: 'whitespace-nowrap text-slate-700 tabular-nums',
    cell: (s) => (s.status === 'active' ? formatMoney(s.mrr_cents) : '—'),
  },
  {
    key: 'next-billing',
    header: 'Próxima cobrança',
    className: 'whitespace-nowrap text-slate-700',
    cell: (s) => (s.status === 'active' || s.status === 'paused' ? formatIsoDate(s.next_billing_date) : '—'),
  },
];

/** Subscriptions as rows (newest first), with "Carregar mais". */
export function SubscriptionsTable({ filters, hideCustomer = false, emptyText, caption = 'Assinaturas' }: Props) {
  const query = useSubscriptions(filters);
  return (
    <InfiniteTable
      query={query}
      columns={columns(hideCustomer)}
      rowKey={(s) => s.id}
      caption={caption}
      loadingLabel="Carregando assinaturas…"
      errorTitle="Não foi possível carregar as assinaturas"
      emptyText={emptyText}
    />
  );
}
