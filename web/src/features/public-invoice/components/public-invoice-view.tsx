import { useEffect, type ReactNode } from 'react';

import { PixCode } from '@/components/pix-code';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { PageSpinner } from '@/components/ui/spinner';
import type { PublicInvoice, InvoiceStatus } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatIsoDate, formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { publicInvoicePdfUrl, usePayPublicInvoiceByCard, usePublicInvoice } from '../api/get-public-invoice';

const STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Rascunho',
  open: 'Em aberto',
  partially_paid: 'Parcialmente paga',
  paid: 'Paga',
  overdue: 'Vencida',
  cancelled: 'Cancelada',
  refunded: 'Estornada',
};

const STATUS_STYLES: Record<InvoiceStatus, string> = {
  draft: 'bg-slate-200 text-slate-700',
  open: 'bg-sky-100 text-sky-800',
  partially_paid: 'bg-indigo-100 text-indigo-800',
  paid: 'bg-emerald-100 text-emerald-800',
  overdue: 'bg-red-100 text-red-800',
  cancelled: 'bg-slate-100 text-slate-600',
  refunded: 'bg-amber-100 text-amber-900',
};

const isPayable = (status: InvoiceStatus) => status === 'open' || status === 'partially_paid' || status === 'overdue';

const quantityFormat = new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 });

function Card({ children, className, labelledBy }: { children: ReactNode; className?: string; labelledBy?: string }) {
  return (
    <section aria-labelledby={labelledBy} className={cn('rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6', className)}>
      {children}
    </section>
  );
}

/** A token that does not (or no longer) open an invoice. */
export function InvalidInvoiceLink() {
  return (
    <Card className="text-center">
      <h1 className="text-xl font-semibold text-slate-900">Link inválido</h1>
      <p className="mt-2 text-sm text-slate-600">
        Este link de fatura não existe. Confira se ele foi copiado inteiro da mensagem ou fale com quem enviou a cobrança.
      </p>
    </Card>
  );
}

function FinalState({ invoice }: { invoice: PublicInvoice }) {
  if (invoice.status === 'paid') {
    return (
      <Alert tone="success" title="Fatura paga">
        Recebemos {formatMoney(invoice.paid_cents)}. Obrigado! Não é preciso fazer mais nada.
      </Alert>
    );
  }
  if (invoice.status === 'cancelled') {
    return (
      <Alert tone="info" title="Fatura cancelada">
        Esta fatura foi cancelada por {invoice.company_name} e não deve ser paga.
      </Alert>
    );
  }
  return (
    <Alert tone="info" title="Pagamento estornado">
      O valor desta fatura foi devolvido. Em caso de dúvida, fale com {invoice.company_name}.
    </Alert>
  );
}

function Items({ invoice }: { invoice: PublicInvoice }) {
  return (
    <Card labelledBy="public-invoice-items-title">
      <h2 id="public-invoice-items-title" className="text-base font-semibold text-slate-900">
        Itens
      </h2>
      <ul aria-label="Itens da fatura" className="mt-3 divide-y divide-slate-100">
        {invoice.items.map((item) => (
          <li key={item.id} className="flex items-start justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium break-words text-slate-900">{item.description}</p>
              <p className="mt-0.5 text-sm text-slate-600">
                {quantityFormat.format(item.quantity)} × {formatMoney(item.unit_price_cents)}
              </p>
            </div>
            <p className="shrink-0 text-right font-semibold whitespace-nowrap text-slate-900 tabular-nums">{formatMoney(item.total_cents)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Totals({ invoice }: { invoice: PublicInvoice }) {
  const row = 'flex items-baseline justify-between gap-4';
  const payable = isPayable(invoice.status);
  return (
    <Card labelledBy="public-invoice-totals-title">
      <h2 id="public-invoice-totals-title" className="text-base font-semibold text-slate-900">
        Valores
      </h2>
      <dl className="mt-3 space-y-1.5 text-sm">
        <div className={row}>
          <dt className="text-slate-600">Subtotal</dt>
          <dd className="tabular-nums">{formatMoney(invoice.subtotal_cents)}</dd>
        </div>
        {invoice.discount_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Desconto</dt>
            <dd className="tabular-nums">− {formatMoney(invoice.discount_cents)}</dd>
          </div>
        )}
        <div className={row}>
          <dt className="text-slate-600">Total</dt>
          <dd className="tabular-nums">{formatMoney(invoice.total_cents)}</dd>
        </div>
        {invoice.paid_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Já pago</dt>
            <dd className="tabular-nums">− {formatMoney(invoice.paid_cents)}</dd>
          </div>
        )}
        {payable && invoice.fees_due_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Multa e juros por atraso</dt>
            <dd className="tabular-nums">{formatMoney(invoice.fees_due_cents)}</dd>
          </div>
        )}
        {payable && (
          <div className={cn(row, 'border-t border-slate-200 pt-2 text-lg font-semibold text-slate-900')}>
            <dt>A pagar hoje</dt>
            <dd className="tabular-nums" data-testid="public-amount-due">
              {formatMoney(invoice.amount_due_cents)}
            </dd>
          </div>
        )}
      </dl>
      {payable && invoice.fees_due_cents > 0 && (
        <p className="mt-2 text-xs text-slate-500">
          Esta fatura venceu em {formatIsoDate(invoice.due_date)}. O valor de hoje inclui multa e juros de mora proporcionais aos dias de
          atraso, dentro dos limites do Código de Defesa do Consumidor; ele muda a cada dia.
        </p>
      )}
    </Card>
  );
}

function PayByCard({ token }: { token: string }) {
  const pay = usePayPublicInvoiceByCard();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        className="h-12 w-full text-base"
        isLoading={pay.isPending || pay.isSuccess}
        onClick={() =>
          pay.mutate(token, {
            onSuccess: ({ url }) => {
              window.location.assign(url);
            },
          })
        }
      >
        Pagar com cartão
      </Button>
      <div aria-live="assertive">{pay.isError && <Alert title="Não foi possível abrir o pagamento com cartão">{problemMessage(pay.error)}</Alert>}</div>
    </div>
  );
}

function Payment({ invoice, token }: { invoice: PublicInvoice; token: string }) {
  const hasOption = invoice.pix || invoice.boleto_line || invoice.boleto_url || invoice.card_available;
  return (
    <Card labelledBy="public-invoice-pay-title" className="ring-2 ring-indigo-200">
      <h2 id="public-invoice-pay-title" className="text-lg font-semibold text-slate-900">
        Como pagar
      </h2>
      {!hasOption && (
        <p className="mt-2 text-sm text-slate-600">Fale com {invoice.company_name} para combinar a forma de pagamento.</p>
      )}
      <div className="mt-4 space-y-6">
        {invoice.pix && (
          <div className="space-y-3">
            <h3 className="text-base font-semibold text-slate-900">PIX</h3>
            <p className="text-sm text-slate-600">
              Abra o app do seu banco, escolha pagar com PIX e leia o QR code ou cole o código. Valor: {formatMoney(invoice.pix.amount_cents)}.
            </p>
            <PixCode pix={invoice.pix} label={invoice.label} />
          </div>
        )}
        {(invoice.boleto_line || invoice.boleto_url) && (
          <div className="space-y-2">
            <h3 className="text-base font-semibold text-slate-900">Boleto</h3>
            {invoice.boleto_line && (
              <>
                <p className="font-mono text-sm break-all text-slate-900" data-testid="boleto-line">
                  {invoice.boleto_line}
                </p>
                <CopyButton text={invoice.boleto_line} label="Copiar linha digitável" />
              </>
            )}
            {invoice.boleto_url && (
              <a
                href={invoice.boleto_url}
                target="_blank"
                rel="noreferrer noopener"
                className="block text-sm font-medium text-indigo-800 hover:underline"
              >
                Abrir o boleto
              </a>
            )}
          </div>
        )}
        {invoice.card_available && (
          <div className="space-y-2">
            <h3 className="text-base font-semibold text-slate-900">Cartão de crédito</h3>
            <PayByCard token={token} />
          </div>
        )}
      </div>
    </Card>
  );
}

/** What the customer opens from the invoice e-mail or a shared link: the invoice, how much is due today, and how to pay. */
export function PublicInvoiceView({ token }: { token: string }) {
  const query = usePublicInvoice(token);
  const data = query.data;

  useEffect(() => {
    document.title = data ? `${data.label} · ${data.company_name}` : 'Fatura · ConectCRM';
  }, [data]);

  if (query.isPending) return <PageSpinner label="Carregando fatura…" />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <InvalidInvoiceLink />;
    return (
      <Alert title="Não foi possível abrir a fatura">
        <p>{problemMessage(query.error)}</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => void query.refetch()} isLoading={query.isFetching}>
          Tentar de novo
        </Button>
      </Alert>
    );
  }
  const invoice = query.data;
  const payable = isPayable(invoice.status);

  return (
    <div className="space-y-4">
      <Card>
        <p className="text-sm font-semibold tracking-wide text-indigo-800 uppercase">{invoice.company_name}</p>
        {invoice.company_document && <p className="text-xs text-slate-500">{invoice.company_document}</p>}
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold text-slate-900">Fatura {invoice.label}</h1>
          <span className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium', STATUS_STYLES[invoice.status])}>
            {STATUS_LABELS[invoice.status]}
          </span>
        </div>
        {invoice.description && <p className="mt-1 text-sm break-words whitespace-pre-wrap text-slate-700">{invoice.description}</p>}
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-500">Emissão</dt>
            <dd className="font-medium text-slate-900">{formatIsoDate(invoice.issue_date)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Vencimento</dt>
            <dd className={cn('font-medium', invoice.status === 'overdue' ? 'text-red-800' : 'text-slate-900')}>{formatIsoDate(invoice.due_date)}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Para</dt>
            <dd className="font-medium text-slate-900">{invoice.customer_name}</dd>
          </div>
          {payable && (
            <div className="col-span-2">
              <dt className="text-slate-500">A pagar hoje</dt>
              <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{formatMoney(invoice.amount_due_cents)}</dd>
            </div>
          )}
        </dl>
        <a
          href={publicInvoicePdfUrl(token)}
          download={`${invoice.label}.pdf`}
          className="mt-4 inline-flex h-10 w-full items-center justify-center rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 sm:w-auto"
        >
          Baixar PDF
        </a>
      </Card>

      {!payable && <FinalState invoice={invoice} />}
      {payable && <Payment invoice={invoice} token={token} />}

      <Items invoice={invoice} />
      <Totals invoice={invoice} />

      {payable && (
        <p className="text-center text-sm text-slate-600">
          Já pagou?{' '}
          <button type="button" onClick={() => void query.refetch()} className="font-medium text-indigo-800 hover:underline">
            Atualizar a situação
          </button>
        </p>
      )}
    </div>
  );
}
