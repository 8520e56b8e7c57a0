import { useState } from 'react';
import { Link } from 'react-router';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import type { Proposal } from '@/lib/api/models';
import { formatCpfOrCnpj } from '@/lib/br/cpf-cnpj';
import { contractNumber } from '@/lib/commercial';
import { formatDateTime } from '@/lib/format';

import { useContract } from '../api/get-contract';

import { AmountsSummary } from './amounts-summary';
import { formatIsoDate } from './labels';
import { LineItemsTable } from './line-items-table';
import { ProposalPdfDialog } from './proposal-pdf-dialog';
import { ProposalVersionsDialog } from './proposal-versions-dialog';

function Decision({ proposal }: { proposal: Proposal }) {
  // Set when the proposal was accepted: the contract made from it.
  const contractId = proposal.contract_id ?? null;
  const contract = useContract(contractId ?? '', contractId !== null);
  if (proposal.status === 'accepted') {
    return (
      <Alert tone="success" title={`Aceita${proposal.decided_at ? ` em ${formatDateTime(proposal.decided_at)}` : ''}`}>
        <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium">Por</dt>
          <dd>{proposal.accepted_name ?? '—'}</dd>
          {proposal.accepted_document && (
            <>
              <dt className="font-medium">CPF/CNPJ</dt>
              <dd>{formatCpfOrCnpj(proposal.accepted_document)}</dd>
            </>
          )}
          {proposal.accepted_email && (
            <>
              <dt className="font-medium">E-mail</dt>
              <dd>{proposal.accepted_email}</dd>
            </>
          )}
          <dt className="font-medium">IP</dt>
          <dd>{proposal.accepted_ip ?? '—'}</dd>
          <dt className="font-medium">Contrato</dt>
          <dd>
            {contractId === null ? (
              '—'
            ) : contract.isPending ? (
              <Spinner size="sm" label="Carregando o contrato…" />
            ) : (
              <Link to={paths.app.crm.contract.getHref(contractId)} className="font-medium text-emerald-900 underline">
                {contract.data ? `${contractNumber(contract.data.number)} — ${contract.data.title}` : 'Abrir o contrato'}
              </Link>
            )}
          </dd>
        </dl>
      </Alert>
    );
  }
  if (proposal.status === 'rejected') {
    return (
      <Alert tone="error" title={`Recusada${proposal.decided_at ? ` em ${formatDateTime(proposal.decided_at)}` : ''}`}>
        <p>
          Motivo: <strong>{proposal.rejected_reason || 'não informado'}</strong>
        </p>
      </Alert>
    );
  }
  return (
    <Alert tone="warning" title="Expirada">
      <p>A validade terminou em {formatIsoDate(proposal.valid_until)} sem resposta do cliente. Crie uma nova proposta para retomar a negociação.</p>
    </Alert>
  );
}

/** A decided or expired proposal: read-only, with who accepted (and how) or why it was refused. */
export function ProposalSummary({ proposal }: { proposal: Proposal }) {
  const [dialog, setDialog] = useState<'pdf' | 'versions' | null>(null);
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <Decision proposal={proposal} />
        <section aria-labelledby="proposal-data-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="proposal-data-title" className="text-base font-semibold text-slate-900">
            Dados da proposta
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="font-medium text-slate-800">Cliente</dt>
              <dd>
                <Link to={paths.app.crm.customer.getHref(proposal.customer_id)} className="text-indigo-800 hover:underline">
                  {proposal.customer_name}
                </Link>
              </dd>
            </div>
            <div>
              <dt className="font-medium text-slate-800">Válida até</dt>
              <dd className="text-slate-700">{formatIsoDate(proposal.valid_until)}</dd>
            </div>
            {proposal.sent_at && (
              <div>
                <dt className="font-medium text-slate-800">Enviada em</dt>
                <dd className="text-slate-700">{formatDateTime(proposal.sent_at)}</dd>
              </div>
            )}
            {proposal.viewed_at && (
              <div>
                <dt className="font-medium text-slate-800">Vista pelo cliente em</dt>
                <dd className="text-slate-700">{formatDateTime(proposal.viewed_at)}</dd>
              </div>
            )}
            {proposal.terms && (
              <div className="sm:col-span-2">
                <dt className="font-medium text-slate-800">Condições</dt>
                <dd className="whitespace-pre-wrap text-slate-700">{proposal.terms}</dd>
              </div>
            )}
          </dl>
        </section>
        <section aria-labelledby="proposal-items-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 id="proposal-items-title" className="p-4 text-base font-semibold text-slate-900 sm:px-6">
            Itens
          </h2>
          <LineItemsTable items={proposal.items} />
        </section>
      </div>
      <aside className="space-y-4 lg:self-start">
        <section aria-labelledby="proposal-totals-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="proposal-totals-title" className="text-base font-semibold text-slate-900">
            Totais
          </h2>
          <AmountsSummary
            amounts={{
              subtotalCents: proposal.subtotal_cents,
              discountCents: proposal.discount_cents,
              discountBp: proposal.discount_bp,
              totalCents: proposal.total_cents,
              oneTimeCents: proposal.one_time_cents,
              recurringCents: proposal.recurring_cents,
              recurrence: proposal.recurrence,
            }}
          />
        </section>
        <div className="flex flex-col gap-2">
          <Button variant="secondary" onClick={() => setDialog('pdf')}>
            Pré-visualizar PDF
          </Button>
          <Button variant="secondary" onClick={() => setDialog('versions')}>
            Versões
          </Button>
        </div>
      </aside>
      <ProposalPdfDialog open={dialog === 'pdf'} onClose={() => setDialog(null)} proposal={proposal} />
      <ProposalVersionsDialog open={dialog === 'versions'} onClose={() => setDialog(null)} proposal={proposal} />
    </div>
  );
}
