import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { paths } from '@/config/paths';
import type { Invoice, SentInvoice } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { cn } from '@/lib/cn';
import { formatDateTime, formatIsoDate, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useCustomerCredit } from '../api/get-payments';
import { useDownloadInvoicePdf } from '../api/invoice-files';
import { useApplyCustomerCredit, useIssueInvoice } from '../api/save-invoice';
import { formatQuantity } from '../utils/quantity';

import { CancelInvoiceDialog } from './cancel-invoice-dialog';
import { ChargeInvoiceDialog } from './charge-invoice-dialog';
import { CustomerLink } from './customer-link';
import { InvoicePix } from './invoice-pix';
import { isReceivable } from './labels';
import { PaymentsTable } from './payments-table';
import { PublicLinkButton } from './public-link-button';
import { RegisterPaymentDialog } from './register-payment-dialog';
import { SendInvoiceDialog } from './send-invoice-dialog';

type Dialogs = 'pay' | 'issue' | 'cancel' | 'send' | 'charge' | 'credit' | null;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-800">{label}</dt>
      <dd className="text-slate-700">{children}</dd>
    </div>
  );
}

function Row({ label, value, strong = false, testId }: { label: ReactNode; value: ReactNode; strong?: boolean; testId?: string }) {
  return (
    <div className={cn('flex items-baseline justify-between gap-4', strong && 'border-t border-slate-200 pt-2 text-base font-semibold text-slate-900')}>
      <dt className={strong ? undefined : 'text-slate-600'}>{label}</dt>
      <dd className="text-right whitespace-nowrap tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function Amounts({ invoice }: { invoice: Invoice }) {
  const receivable = isReceivable(invoice.status);
  return (
    <section aria-labelledby="invoice-amounts-title" className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <h2 id="invoice-amounts-title" className="text-base font-semibold text-slate-900">
        Valores
      </h2>
      <dl className="space-y-1.5 text-sm">
        <Row label="Subtotal" value={formatMoney(invoice.subtotal_cents)} testId="subtotal" />
        {invoice.discount_cents > 0 && <Row label="Desconto" value={`− ${formatMoney(invoice.discount_cents)}`} testId="discount" />}
        <Row label="Total" value={formatMoney(invoice.total_cents)} testId="total" />
        {invoice.late_fee_cents > 0 && <Row label="Multa e juros cobrados" value={formatMoney(invoice.late_fee_cents)} testId="late-fee" />}
        {invoice.paid_cents > 0 && <Row label="Pago" value={`− ${formatMoney(invoice.paid_cents)}`} testId="paid" />}
        {invoice.refunded_cents > 0 && <Row label="Estornado" value={formatMoney(invoice.refunded_cents)} testId="refunded" />}
        {receivable && <Row label="A pagar hoje" value={formatMoney(invoice.amount_due_cents)} strong testId="amount-due" />}
      </dl>
      {receivable && invoice.fees_due_cents > 0 && (
        <p className="text-xs text-amber-900">
          Inclui {formatMoney(invoice.fees_due_cents)} de multa e juros por atraso, calculados até hoje.
        </p>
      )}
      {invoice.status === 'draft' && <p className="text-xs text-slate-500">Rascunho: não é cobrado até ser emitido.</p>}
    </section>
  );
}

/** An invoice: data, items, amounts, PIX, payments and the actions its state allows. */
export function InvoiceView({ invoice }: { invoice: Invoice }) {
  const { user } = useMe();
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [sent, setSent] = useState<SentInvoice | null>(null);
  const receivable = isReceivable(invoice.status);
  const credit = useCustomerCredit(invoice.customer_id, receivable);
  const creditCents = credit.data?.balance_cents ?? 0;
  const issue = useIssueInvoice();
  const applyCredit = useApplyCustomerCredit();
  const pdf = useDownloadInvoicePdf();
  const canCancel = invoice.status !== 'cancelled' && invoice.status !== 'paid' && invoice.status !== 'refunded' && invoice.paid_cents === 0;
  const close = () => setDialog(null);
  const actionError = issue.error ?? applyCredit.error ?? pdf.error;

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <div aria-live="assertive">{actionError && <Alert title="Não foi possível concluir">{problemMessage(actionError)}</Alert>}</div>
        {invoice.status === 'cancelled' && (
          <Alert title={`Cancelada${invoice.cancelled_at ? ` em ${formatDateTime(invoice.cancelled_at)}` : ''}`}>
            Motivo: <strong>{invoice.cancel_reason || 'não informado'}</strong>
          </Alert>
        )}
        {invoice.status === 'paid' && (
          <Alert tone="success" title={`Paga${invoice.paid_at ? ` em ${formatDateTime(invoice.paid_at)}` : ''}`}>
            {formatMoney(invoice.paid_cents)} recebidos.
          </Alert>
        )}
        <div aria-live="polite">
          {sent && (
            <Alert tone="success" title={`Fatura enviada para ${sent.to}`}>
              <p>O cliente recebeu o PDF e o link de pagamento:</p>
              <p className="mt-1 font-mono text-xs break-all">{sent.link}</p>
            </Alert>
          )}
        </div>

        <section aria-labelledby="invoice-data-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="invoice-data-title" className="text-base font-semibold text-slate-900">
            Dados da fatura
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <Field label="Cliente">
              <CustomerLink id={invoice.customer_id} name={invoice.customer_name} className="text-indigo-800" />
            </Field>
            <Field label="Emissão">{formatIsoDate(invoice.issue_date)}</Field>
            <Field label="Vencimento">{formatIsoDate(invoice.due_date)}</Field>
            {invoice.period_start && invoice.period_end && (
              <Field label="Período">
                {formatIsoDate(invoice.period_start)} a {formatIsoDate(invoice.period_end)}
              </Field>
            )}
            {invoice.subscription_id ? (
              <Field label="Origem">
                <Link to={paths.app.finance.subscription.getHref(invoice.subscription_id)} className="text-indigo-800 hover:underline">
                  Assinatura
                </Link>
              </Field>
            ) : invoice.contract_id ? (
              <Field label="Origem">
                {canAccess(user.role, 'crm') ? (
                  <Link to={paths.app.crm.contract.getHref(invoice.contract_id)} className="text-indigo-800 hover:underline">
                    Contrato
                  </Link>
                ) : (
                  'Contrato'
                )}
              </Field>
            ) : null}
            {invoice.description && (
              <div className="sm:col-span-2">
                <Field label="Descrição">
                  <span className="whitespace-pre-wrap">{invoice.description}</span>
                </Field>
              </div>
            )}
          </dl>
        </section>

        <section aria-labelledby="invoice-items-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 id="invoice-items-title" className="p-4 text-base font-semibold text-slate-900 sm:px-6">
            Itens
          </h2>
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[32rem] text-left text-sm">
              <caption className="sr-only">Itens da fatura</caption>
              <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
                <tr>
                  <th scope="col" className="px-4 py-3 font-medium">
                    Descrição
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Qtd.
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Preço unit.
                  </th>
                  <th scope="col" className="px-4 py-3 text-right font-medium">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {invoice.items.map((item) => (
                  <tr key={item.id}>
                    <td className="px-4 py-3 text-slate-900">{item.description}</td>
                    <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700">{formatQuantity(item.quantity)}</td>
                    <td className="px-4 py-3 text-right whitespace-nowrap text-slate-700">{formatMoney(item.unit_price_cents)}</td>
                    <td className="px-4 py-3 text-right font-medium whitespace-nowrap text-slate-900">{formatMoney(item.total_cents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        {receivable && <InvoicePix invoice={invoice} />}

        {receivable && (invoice.boleto_line || invoice.boleto_url || invoice.card_url) && (
          <section aria-labelledby="invoice-charge-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="invoice-charge-title" className="text-base font-semibold text-slate-900">
              Cobrança no provedor
            </h2>
            {invoice.boleto_line && (
              <div className="space-y-1">
                <p className="text-sm font-medium text-slate-800">Linha digitável do boleto</p>
                <p className="font-mono text-xs break-all text-slate-900">{invoice.boleto_line}</p>
                <CopyButton text={invoice.boleto_line} label="Copiar linha digitável" />
              </div>
            )}
            <div className="flex flex-wrap gap-3 text-sm">
              {invoice.boleto_url && (
                <a href={invoice.boleto_url} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-800 hover:underline">
                  Abrir boleto
                </a>
              )}
              {invoice.card_url && (
                <a href={invoice.card_url} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-800 hover:underline">
                  Página de pagamento com cartão
                </a>
              )}
            </div>
          </section>
        )}

        {invoice.status !== 'draft' && (
          <section aria-labelledby="invoice-payments-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
            <h2 id="invoice-payments-title" className="p-4 text-base font-semibold text-slate-900 sm:px-6">
              Pagamentos
            </h2>
            <PaymentsTable
              filters={{ invoice_id: invoice.id }}
              hideCustomer
              caption={`Pagamentos de ${invoice.label}`}
              emptyText="Nenhum pagamento registrado para esta fatura."
            />
          </section>
        )}
      </div>

      <aside className="space-y-4 lg:self-start">
        <Amounts invoice={invoice} />
        <div className="flex flex-col gap-2" role="group" aria-label="Ações da fatura">
          {invoice.status === 'draft' && <Button onClick={() => setDialog('issue')}>Emitir</Button>}
          {receivable && <Button onClick={() => setDialog('pay')}>Registrar pagamento</Button>}
          {receivable && creditCents > 0 && (
            <Button variant="secondary" onClick={() => setDialog('credit')}>
              Usar crédito do cliente ({formatMoney(creditCents)})
            </Button>
          )}
          {receivable && (
            <Button variant="secondary" onClick={() => setDialog('charge')}>
              Gerar cobrança
            </Button>
          )}
          {invoice.status !== 'draft' && invoice.status !== 'cancelled' && (
            <Button variant="secondary" onClick={() => setDialog('send')}>
              Enviar por e-mail
            </Button>
          )}
          {invoice.status !== 'draft' && invoice.status !== 'cancelled' && <PublicLinkButton invoiceId={invoice.id} />}
          <Button variant="secondary" onClick={() => pdf.mutate({ id: invoice.id, label: invoice.label })} isLoading={pdf.isPending}>
            Baixar PDF
          </Button>
          {canCancel && (
            <Button variant="ghost" className="text-red-700" onClick={() => setDialog('cancel')}>
              Cancelar fatura
            </Button>
          )}
          <Link
            to={paths.app.finance.newInvoice.getHref(invoice.customer_id)}
            state={{ customer: { id: invoice.customer_id, name: invoice.customer_name } }}
            className="pt-1 text-center text-sm font-medium text-indigo-800 hover:underline"
          >
            Nova fatura para este cliente
          </Link>
        </div>
      </aside>

      <RegisterPaymentDialog open={dialog === 'pay'} onClose={close} invoice={invoice} />
      <CancelInvoiceDialog open={dialog === 'cancel'} onClose={close} invoice={invoice} />
      <SendInvoiceDialog open={dialog === 'send'} onClose={close} invoice={invoice} onSent={setSent} />
      <ChargeInvoiceDialog open={dialog === 'charge'} onClose={close} invoice={invoice} />
      <ConfirmDialog
        open={dialog === 'issue'}
        title={`Emitir ${invoice.label}?`}
        confirmLabel="Emitir"
        cancelLabel="Voltar"
        isLoading={issue.isPending}
        onCancel={close}
        onConfirm={() => issue.mutate(invoice.id, { onSettled: close })}
      >
        <p>
          A fatura passa a valer: fica em aberto para pagamento, aparece no histórico do cliente e os lembretes de cobrança são agendados
          para o vencimento em {formatIsoDate(invoice.due_date)}.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'credit'}
        title="Usar crédito do cliente?"
        confirmLabel="Usar crédito"
        cancelLabel="Voltar"
        isLoading={applyCredit.isPending}
        onCancel={close}
        onConfirm={() => applyCredit.mutate(invoice.id, { onSettled: close })}
      >
        <p>
          {invoice.customer_name} tem {formatMoney(creditCents)} de crédito (pagamentos a mais). O crédito paga{' '}
          {creditCents >= invoice.amount_due_cents ? 'toda a fatura' : 'parte da fatura'} ({formatMoney(Math.min(creditCents, invoice.amount_due_cents))}).
        </p>
      </ConfirmDialog>
    </div>
  );
}
