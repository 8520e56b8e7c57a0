import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { ReceivableBucket, MonthCash, Receivables } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { RECURRING_TERMS } from '@/lib/commercial';
import { addDaysIso, formatIsoDate, formatMoney, formatNumber } from '@/lib/format';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

import { useFinanceSummary, useReceivables } from '../api/get-reports';

const count = plural;

function Card({
  title,
  bucket,
  unit,
  tone = 'default',
  href,
  linkLabel,
  children,
  testId,
}: {
  title: string;
  bucket: ReceivableBucket;
  unit: [string, string];
  tone?: 'default' | 'danger' | 'success' | 'warning';
  href?: string;
  linkLabel?: string;
  children?: ReactNode;
  testId?: string;
}) {
  const headingId = `card-${testId}`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={testId}
      className={cn(
        'flex flex-col rounded-xl bg-white p-4 shadow-sm ring-1 sm:p-5',
        tone === 'danger' && bucket.count > 0 ? 'ring-red-200' : tone === 'warning' && bucket.count > 0 ? 'ring-amber-300' : 'ring-slate-200',
      )}
    >
      <h2 id={headingId} className="text-sm font-medium text-slate-600">
        {title}
      </h2>
      <p
        className={cn(
          'mt-1 text-2xl font-semibold tabular-nums',
          tone === 'danger' && bucket.count > 0 ? 'text-red-800' : tone === 'success' ? 'text-emerald-800' : 'text-slate-900',
        )}
      >
        {formatMoney(bucket.total_cents)}
      </p>
      <p className="text-sm text-slate-500">{count(bucket.count, unit[0], unit[1])}</p>
      {children}
      {href && linkLabel && (
        <Link to={href} className="mt-auto pt-3 text-sm font-medium text-indigo-800 hover:underline">
          {linkLabel}
        </Link>
      )}
    </section>
  );
}

function ReceivablesCards({ data }: { data: Receivables }) {
  const today = data.today;
  const soonSearch = new URLSearchParams({ situacao: 'open', vence_de: today, vence_ate: addDaysIso(today, 7) }).toString();
  const aging: [string, ReceivableBucket][] = [
    ['1 a 30 dias', data.overdue_1_30],
    ['31 a 60 dias', data.overdue_31_60],
    ['61 a 90 dias', data.overdue_61_90],
    ['Mais de 90 dias', data.overdue_over_90],
  ];
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <Card
        title="A vencer em 7 dias"
        bucket={data.due_soon}
        unit={['fatura', 'faturas']}
        href={paths.app.finance.invoices.getHref(soonSearch)}
        linkLabel="Ver faturas"
        testId="due-soon"
      >
        <p className="mt-2 text-xs text-slate-500">
          Depois disso: {formatMoney(data.not_due.total_cents)} em {count(data.not_due.count, 'fatura', 'faturas')}.
        </p>
      </Card>
      <Card
        title="Vencidas"
        bucket={data.overdue}
        unit={['fatura', 'faturas']}
        tone="danger"
        href={paths.app.finance.invoices.getHref('situacao=overdue')}
        linkLabel="Ver vencidas"
        testId="overdue"
      >
        <dl aria-label="Vencidas por atraso" className="mt-2 space-y-0.5 text-xs">
          {aging.map(([label, bucket]) => (
            <div key={label} className="flex justify-between gap-2">
              <dt className="text-slate-600">{label}</dt>
              <dd className="whitespace-nowrap text-slate-900 tabular-nums">
                {formatMoney(bucket.total_cents)} <span className="text-slate-500">({formatNumber(bucket.count)})</span>
              </dd>
            </div>
          ))}
        </dl>
        <p className="mt-1 text-xs text-slate-500">Sem multa nem juros.</p>
      </Card>
      <Card
        title="Recebido no mês"
        bucket={data.received_this_month}
        unit={['pagamento', 'pagamentos']}
        tone="success"
        href={paths.app.finance.payments.getHref()}
        linkLabel="Ver pagamentos"
        testId="received"
      />
      <Card
        title="A conferir"
        bucket={data.in_review}
        unit={['pagamento', 'pagamentos']}
        tone="warning"
        href={paths.app.finance.payments.getHref('situacao=review')}
        linkLabel="Conferir"
        testId="in-review"
      >
        <p className="mt-2 text-xs text-slate-500">Pagamentos do provedor com valor diferente do cobrado.</p>
      </Card>
    </div>
  );
}

const monthNames = ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'];

/** "2026-11" → "nov/26". */
export function monthLabel(month: string): string {
  const [year, m] = month.split('-');
  const name = monthNames[Number(m) - 1];
  return name && year ? `${name}/${year.slice(2)}` : month;
}

/** Received per month as simple bars (refunds shown under each bar); the numbers are in the labels for screen readers. */
function CashChart({ months }: { months: MonthCash[] }) {
  const max = Math.max(1, ...months.map((month) => month.received_cents));
  if (months.length === 0) return <p className="text-sm text-slate-600">Nenhum recebimento no período.</p>;
  return (
    <ol aria-label="Recebido por mês" className="flex h-56 items-end gap-1 sm:gap-2">
      {months.map((month) => {
        const height = Math.round((month.received_cents / max) * 100);
        const text = `${monthLabel(month.month)}: ${formatMoney(month.received_cents)} recebido${
          month.refunded_cents > 0 ? `, ${formatMoney(month.refunded_cents)} estornado` : ''
        }`;
        return (
          <li key={month.month} aria-label={text} title={text} className="flex h-full min-w-0 flex-1 flex-col items-center justify-end gap-1">
            <span aria-hidden="true" className="hidden text-[10px] text-slate-500 tabular-nums lg:block">
              {month.received_cents > 0 ? formatMoney(month.received_cents).replace(/,\d{2}$/, '') : ''}
            </span>
            <span
              aria-hidden="true"
              className="w-full max-w-10 rounded-t bg-indigo-600"
              style={{ height: `${Math.max(height, month.received_cents > 0 ? 2 : 0)}%` }}
            />
            <span aria-hidden="true" className="text-[11px] text-slate-600">
              {monthLabel(month.month)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** A number with its name, what the name means (`explain`, for acronyms such as MRR) and a note. */
function Metric({ label, explain, value, hint, testId }: { label: string; explain?: string; value: string; hint?: string; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">
        {label}
        {explain && <span className="block text-xs text-slate-500">{explain}</span>}
      </dt>
      <dd className="text-xl font-semibold text-slate-900 tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {hint && <dd className="text-xs text-slate-500">{hint}</dd>}
    </div>
  );
}

/** The finance dashboard: what is to be received, recurring revenue, churn and cash by month. */
export function FinanceDashboard() {
  const receivables = useReceivables();
  const summary = useFinanceSummary();

  return (
    <div className="space-y-6">
      {receivables.isPending ? (
        <PageSpinner label="Carregando contas a receber…" />
      ) : receivables.isError ? (
        <Alert title="Não foi possível carregar as contas a receber">{problemMessage(receivables.error)}</Alert>
      ) : (
        <ReceivablesCards data={receivables.data} />
      )}

      {summary.isPending ? (
        <PageSpinner label="Carregando o resumo…" />
      ) : summary.isError ? (
        <Alert title="Não foi possível carregar o resumo">{problemMessage(summary.error)}</Alert>
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
          <section aria-labelledby="recurring-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="recurring-title" className="text-base font-semibold text-slate-900">
              Receita recorrente
            </h2>
            <dl className="mt-4 space-y-4">
              <Metric
                label="MRR"
                explain={RECURRING_TERMS.mrr}
                value={formatMoney(summary.data.mrr_cents)}
                hint={count(summary.data.active_subscriptions, 'assinatura ativa', 'assinaturas ativas')}
                testId="mrr"
              />
              <Metric label="ARR" explain={RECURRING_TERMS.arr} value={formatMoney(summary.data.arr_cents)} testId="arr" />
              <Metric
                label="MRR perdido (churn)"
                explain={RECURRING_TERMS.churn}
                value={formatMoney(summary.data.churned_mrr_cents)}
                hint={`${count(summary.data.churned_subscriptions, 'assinatura cancelada', 'assinaturas canceladas')} desde ${formatIsoDate(summary.data.from)}`}
                testId="churned-mrr"
              />
            </dl>
          </section>
          <section aria-labelledby="cash-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 lg:col-span-2">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id="cash-title" className="text-base font-semibold text-slate-900">
                Recebido por mês
              </h2>
              <p className="text-sm text-slate-600">
                {formatMoney(summary.data.received_cents)} de {formatIsoDate(summary.data.from)} a {formatIsoDate(summary.data.to)}
              </p>
            </div>
            <div className="mt-4">
              <CashChart months={summary.data.cash_by_month} />
            </div>
          </section>
        </div>
      )}
    </div>
  );
}
