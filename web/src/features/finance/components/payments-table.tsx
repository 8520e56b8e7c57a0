import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { InfiniteTable, type Column } from '@/components/list/infinite-table';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { paths } from '@/config/paths';
import type { Payment, PaymentFilter } from '@/lib/api/models';
import { formatIsoDate, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { usePayments } from '../api/get-payments';
import { useAcceptPayment } from '../api/save-payment';

import { customerColumn } from './customer-link';
import { PAYMENT_METHOD_LABELS, PROVIDER_LABELS } from './labels';
import { RefundPaymentDialog } from './refund-payment-dialog';
import { PaymentStatusBadge } from './status-badges';

type PaymentsTableProps = {
  filters: PaymentFilter;
  hideCustomer?: boolean;
  emptyText: ReactNode;
  caption?: string;
};

/** Money can still be given back (credit use is not money received). */
export const isRefundable = (payment: Payment) =>
  payment.status !== 'rejected' && payment.method !== 'credit' && payment.amount_cents > payment.refunded_cents;

const columns = (hideCustomer: boolean, actions: (payment: Payment) => ReactNode): Column<Payment>[] => [
  { key: 'received-on', header: 'Recebido em', className: 'whitespace-nowrap text-slate-700', cell: (payment) => formatIsoDate(payment.received_on) },
  customerColumn(hideCustomer),
  {
    key: 'method',
    header: 'Forma',
    className: 'text-slate-700',
    cell: (payment) => (
      <>
        <span className="block">{PAYMENT_METHOD_LABELS[payment.method]}</span>
        {payment.gateway && <span className="block text-xs text-slate-500">via {PROVIDER_LABELS[payment.gateway] ?? payment.gateway}</span>}
        {payment.reference && <span className="block max-w-48 truncate text-xs text-slate-500">{payment.reference}</span>}
      </>
    ),
  },
  {
    key: 'status',
    header: 'Situação',
    cell: (payment) => (
      <>
        <PaymentStatusBadge status={payment.status} />
        {payment.status === 'review' && payment.review_reason && <p className="mt-1 max-w-56 text-xs text-amber-900">{payment.review_reason}</p>}
      </>
    ),
  },
  {
    key: 'invoices',
    header: 'Faturas',
    className: 'text-slate-700',
    cell: (payment) => (
      <>
        {payment.allocations.length === 0 && payment.credited_cents === 0 && <span className="text-slate-400">—</span>}
        <ul className="space-y-0.5">
          {payment.allocations.map((allocation) => (
            <li key={allocation.invoice_id} className="whitespace-nowrap">
              <Link to={paths.app.finance.invoice.getHref(allocation.invoice_id)} className="font-mono text-xs text-indigo-800 hover:underline">
                {allocation.invoice_label}
              </Link>{' '}
              <span className="text-xs text-slate-500">{formatMoney(allocation.amount_cents)}</span>
            </li>
          ))}
          {payment.credited_cents > 0 && <li className="text-xs whitespace-nowrap text-slate-500">Crédito: {formatMoney(payment.credited_cents)}</li>}
        </ul>
      </>
    ),
  },
  {
    key: 'amount',
    header: 'Valor',
    align: 'right',
    className: 'whitespace-nowrap tabular-nums',
    cell: (payment) => (
      <>
        <span className="font-medium text-slate-900">{formatMoney(payment.amount_cents)}</span>
        {payment.refunded_cents > 0 && <span className="block text-xs text-amber-900">estornado {formatMoney(payment.refunded_cents)}</span>}
      </>
    ),
  },
  { key: 'actions', header: <span className="sr-only">Ações</span>, align: 'right', className: 'whitespace-nowrap', cell: actions },
];

/** Payments as rows (newest first) with "Estornar" and, for those held for review, "Aceitar". */
export function PaymentsTable({ filters, hideCustomer = false, emptyText, caption = 'Pagamentos' }: PaymentsTableProps) {
  const query = usePayments(filters);
  const [refunding, setRefunding] = useState<Payment | null>(null);
  const [accepting, setAccepting] = useState<Payment | null>(null);
  const accept = useAcceptPayment();

  const actions = (payment: Payment) => (
    <div className="flex justify-end gap-1">
      {payment.status === 'review' && (
        <Button size="sm" onClick={() => setAccepting(payment)}>
          Aceitar
        </Button>
      )}
      {isRefundable(payment) && (
        <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setRefunding(payment)}>
          Estornar
        </Button>
      )}
    </div>
  );

  return (
    <div>
      <div aria-live="assertive">
        {accept.isError && (
          <div className="p-4 pb-0">
            <Alert title="Não foi possível aceitar o pagamento">{problemMessage(accept.error)}</Alert>
          </div>
        )}
      </div>
      <InfiniteTable
        query={query}
        columns={columns(hideCustomer, actions)}
        rowKey={(payment) => payment.id}
        caption={caption}
        loadingLabel="Carregando pagamentos…"
        errorTitle="Não foi possível carregar os pagamentos"
        emptyText={emptyText}
        minWidth="min-w-[48rem]"
        rowClassName="align-top"
      />
      <RefundPaymentDialog payment={refunding} onClose={() => setRefunding(null)} />
      <ConfirmDialog
        open={accepting !== null}
        title="Aceitar pagamento?"
        confirmLabel="Aceitar"
        cancelLabel="Voltar"
        isLoading={accept.isPending}
        onCancel={() => setAccepting(null)}
        onConfirm={() => accepting && accept.mutate(accepting.id, { onSettled: () => setAccepting(null) })}
      >
        {accepting && (
          <p>
            {formatMoney(accepting.amount_cents)} de {accepting.customer_name} ficou retido porque o valor não conferiu
            {accepting.review_reason ? ` (${accepting.review_reason})` : ''}. Aceitando, ele é aplicado à fatura; o que sobrar vira crédito do
            cliente.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
