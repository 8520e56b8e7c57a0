import { useEffect, useRef, useState, type ReactNode } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageSpinner } from '@/components/ui/spinner';
import type { PublicProposal } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { BILLING_LABELS, BILLING_PERIOD_SUFFIX, formatBasisPoints, formatQuantityMilli, proposalNumber } from '@/lib/commercial';
import { formatDateTime, formatMoney } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { publicProposalPdfUrl, usePublicProposal } from '../api/get-public-proposal';

import { AcceptProposalForm } from './accept-proposal-form';
import { RejectProposalForm } from './reject-proposal-form';

/** "2026-03-01" → "01/03/2026" (a calendar date: no time zone shift). */
function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-');
  return day && month && year ? `${day}/${month}/${year}` : date;
}

function Card({ children, className, labelledBy }: { children: ReactNode; className?: string; labelledBy?: string }) {
  return (
    <section aria-labelledby={labelledBy} className={cn('rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6', className)}>
      {children}
    </section>
  );
}

/** The friendly page for a token that does not (or no longer) open a proposal. */
export function InvalidLink() {
  return (
    <Card className="text-center">
      <h1 className="text-xl font-semibold text-slate-900">Link inválido ou substituído</h1>
      <p className="mt-2 text-sm text-slate-600">
        Este link de proposta não existe mais. Quando uma proposta é alterada ou reenviada, um novo link é enviado por e-mail e o anterior
        deixa de funcionar.
      </p>
      <p className="mt-2 text-sm text-slate-600">Confira a mensagem mais recente ou fale com quem enviou a proposta.</p>
    </Card>
  );
}

function Items({ proposal }: { proposal: PublicProposal }) {
  return (
    <Card labelledBy="public-items-title">
      <h2 id="public-items-title" className="text-base font-semibold text-slate-900">
        Itens
      </h2>
      <ul aria-label="Itens da proposta" className="mt-3 divide-y divide-slate-100">
        {proposal.items.map((item) => (
          <li key={item.id} className="flex items-start justify-between gap-3 py-3">
            <div className="min-w-0">
              <p className="font-medium break-words text-slate-900">{item.description}</p>
              <p className="mt-0.5 text-sm text-slate-600">
                {formatQuantityMilli(item.quantity_milli)} {item.unit} × {formatMoney(item.unit_price_cents)}
                {item.discount_bp > 0 && <> · desconto de {formatBasisPoints(item.discount_bp)}</>}
              </p>
              {item.billing !== 'one_time' && (
                <span className="mt-1 inline-block rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">
                  {BILLING_LABELS[item.billing]}
                </span>
              )}
            </div>
            <p className="shrink-0 text-right font-semibold whitespace-nowrap text-slate-900 tabular-nums">
              {formatMoney(item.total_cents)}
              {item.billing !== 'one_time' && <span className="block text-xs font-normal text-slate-500">{BILLING_PERIOD_SUFFIX[item.billing]}</span>}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

function Totals({ proposal }: { proposal: PublicProposal }) {
  const suffix = BILLING_PERIOD_SUFFIX[proposal.recurrence];
  const row = 'flex items-baseline justify-between gap-4';
  return (
    <Card labelledBy="public-totals-title">
      <h2 id="public-totals-title" className="text-base font-semibold text-slate-900">
        Valores
      </h2>
      <dl className="mt-3 space-y-1.5 text-sm">
        <div className={row}>
          <dt className="text-slate-600">Subtotal</dt>
          <dd className="tabular-nums">{formatMoney(proposal.subtotal_cents)}</dd>
        </div>
        {proposal.discount_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Desconto ({formatBasisPoints(proposal.discount_bp)})</dt>
            <dd className="tabular-nums">− {formatMoney(proposal.discount_cents)}</dd>
          </div>
        )}
        {proposal.one_time_cents > 0 && proposal.recurring_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Pagamento único</dt>
            <dd className="tabular-nums">{formatMoney(proposal.one_time_cents)}</dd>
          </div>
        )}
        {proposal.recurring_cents > 0 && (
          <div className={row}>
            <dt className="text-slate-600">Recorrente ({BILLING_LABELS[proposal.recurrence].toLowerCase()})</dt>
            <dd className="tabular-nums">
              {formatMoney(proposal.recurring_cents)}
              {suffix}
            </dd>
          </div>
        )}
        <div className={cn(row, 'border-t border-slate-200 pt-2 text-lg font-semibold text-slate-900')}>
          <dt>Total</dt>
          <dd className="tabular-nums" data-testid="public-total">
            {formatMoney(proposal.total_cents)}
          </dd>
        </div>
        {proposal.recurring_cents > 0 && (
          <p className="text-xs text-slate-500">
            O total soma o pagamento único e a primeira cobrança recorrente; depois, {formatMoney(proposal.recurring_cents)}
            {suffix}.
          </p>
        )}
      </dl>
    </Card>
  );
}

function FinalState({ proposal, acceptedBy }: { proposal: PublicProposal; acceptedBy: string | null }) {
  if (proposal.status === 'accepted') {
    return (
      <Alert tone="success" title={`Proposta aceita em ${proposal.decided_at ? formatDateTime(proposal.decided_at) : '—'}`}>
        {acceptedBy ? `Obrigado, ${acceptedBy}! ` : ''}
        {proposal.company_name} já foi avisada e vai dar os próximos passos.
      </Alert>
    );
  }
  if (proposal.status === 'rejected') {
    return (
      <Alert tone="info" title="Proposta recusada">
        {proposal.decided_at ? `Recusada em ${formatDateTime(proposal.decided_at)}. ` : ''}
        {proposal.company_name} recebeu o motivo. Obrigado pelo retorno.
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="Proposta expirada">
      A validade terminou em {formatIsoDate(proposal.valid_until)}. Fale com {proposal.company_name} para receber uma proposta atualizada.
    </Alert>
  );
}

/** What the customer sees from the e-mailed link: the proposal, the PDF, and accept or refuse. */
export function PublicProposalView({ token }: { token: string }) {
  const query = usePublicProposal(token);
  const [mode, setMode] = useState<'view' | 'accept' | 'reject'>('view');
  const [acceptedBy, setAcceptedBy] = useState<string | null>(null);
  const formRef = useRef<HTMLDivElement>(null);
  const data = query.data;

  useEffect(() => {
    document.title = data ? `${proposalNumber(data.number)} · ${data.company_name}` : 'Proposta · ConectCRM';
  }, [data]);

  useEffect(() => {
    if (mode !== 'view') formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [mode]);

  if (query.isPending) return <PageSpinner label="Carregando proposta…" />;
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 404) return <InvalidLink />;
    return (
      <Alert title="Não foi possível abrir a proposta">
        <p>{problemMessage(query.error)}</p>
        <Button variant="secondary" size="sm" className="mt-3" onClick={() => void query.refetch()} isLoading={query.isFetching}>
          Tentar de novo
        </Button>
      </Alert>
    );
  }
  const p = query.data;
  // A draft behind a link means the proposal is being edited: the link no longer counts.
  if (p.status === 'draft') return <InvalidLink />;
  const open = p.status === 'sent' || p.status === 'viewed';
  const label = proposalNumber(p.number);

  return (
    <div className="space-y-4">
      <Card>
        <p className="text-sm font-semibold tracking-wide text-indigo-800 uppercase">{p.company_name}</p>
        <h1 className="mt-1 text-2xl font-semibold break-words text-slate-900">{p.title}</h1>
        <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-500">Proposta</dt>
            <dd className="font-medium text-slate-900">
              {label}
              {p.revision > 1 && <span className="font-normal text-slate-500"> · revisão {p.revision}</span>}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">Válida até</dt>
            <dd className="font-medium text-slate-900">{formatIsoDate(p.valid_until)}</dd>
          </div>
          <div className="col-span-2">
            <dt className="text-slate-500">Para</dt>
            <dd className="font-medium text-slate-900">{p.customer_name}</dd>
          </div>
        </dl>
        <a
          href={publicProposalPdfUrl(token)}
          download={`${label}.pdf`}
          className="mt-4 inline-flex h-10 w-full items-center justify-center rounded-md bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-300 ring-inset hover:bg-slate-50 sm:w-auto"
        >
          Baixar PDF
        </a>
      </Card>

      {!open && <FinalState proposal={p} acceptedBy={acceptedBy} />}

      <Items proposal={p} />
      <Totals proposal={p} />

      {p.terms && (
        <Card labelledBy="public-terms-title">
          <h2 id="public-terms-title" className="text-base font-semibold text-slate-900">
            Condições
          </h2>
          <p className="mt-2 text-sm whitespace-pre-wrap text-slate-700">{p.terms}</p>
        </Card>
      )}

      {open && (
        <div ref={formRef} className="scroll-mt-4">
          {mode === 'accept' ? (
            <Card labelledBy="public-accept-title" className="ring-2 ring-emerald-300">
              <h2 id="public-accept-title" className="mb-4 text-lg font-semibold text-slate-900">
                Aceitar proposta
              </h2>
              <AcceptProposalForm token={token} label={label} onAccepted={(name) => setAcceptedBy(name)} onCancel={() => setMode('view')} />
            </Card>
          ) : mode === 'reject' ? (
            <Card labelledBy="public-reject-title">
              <h2 id="public-reject-title" className="mb-4 text-lg font-semibold text-slate-900">
                Recusar proposta
              </h2>
              <RejectProposalForm token={token} onRejected={() => setMode('view')} onCancel={() => setMode('view')} />
            </Card>
          ) : (
            <Card>
              <p className="text-sm text-slate-700">Tudo certo? Aceite on-line: leva menos de um minuto.</p>
              <div className="mt-3 flex flex-col gap-2 sm:flex-row">
                <Button className="h-12 w-full text-base sm:w-auto" onClick={() => setMode('accept')}>
                  Aceitar proposta
                </Button>
                <Button variant="secondary" className="h-12 w-full text-base sm:w-auto" onClick={() => setMode('reject')}>
                  Recusar
                </Button>
              </div>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
