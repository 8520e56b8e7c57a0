import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { Contract, ContractStatus } from '@/lib/api/models';
import { BILLING_LABELS, BILLING_PERIOD_SUFFIX, contractNumber } from '@/lib/commercial';
import { applyFieldErrors } from '@/lib/form-errors';
import { formatDateTime, formatMoney } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useCancelContract, useChangeContractStatus, type ContractTransition } from '../api/save-contract';

import { formatIsoDate } from './labels';
import { LineItemsTable } from './line-items-table';

type Action = ContractTransition | 'cancel';

// The server's state machine (contracts/service.rs): only these are offered.
const ACTIONS: Record<ContractStatus, Action[]> = {
  draft: ['sign', 'cancel'],
  active: ['suspend', 'end', 'cancel'],
  suspended: ['resume', 'end', 'cancel'],
  cancelled: [],
  ended: [],
};

const ACTION_TEXT: Record<ContractTransition, { label: string; title: string; body: string; confirm: string }> = {
  sign: {
    label: 'Assinar',
    title: 'Assinar contrato?',
    body: 'O contrato passa a valer (ativo) a partir da data de início e fica registrado no histórico do cliente.',
    confirm: 'Assinar',
  },
  suspend: {
    label: 'Suspender',
    title: 'Suspender contrato?',
    body: 'O contrato fica suspenso até ser retomado.',
    confirm: 'Suspender',
  },
  resume: { label: 'Retomar', title: 'Retomar contrato?', body: 'O contrato volta a ficar ativo.', confirm: 'Retomar' },
  end: {
    label: 'Encerrar',
    title: 'Encerrar contrato?',
    body: 'O contrato termina normalmente (fim do prazo ou acordo). Não há volta.',
    confirm: 'Encerrar',
  },
};

const cancelSchema = z.object({
  reason: z.string().trim().min(1, 'Informe o motivo do cancelamento.').max(1000, 'Use no máximo 1000 caracteres.'),
});

function CancelForm({ contract, onDone }: { contract: Contract; onDone: () => void }) {
  const form = useForm<z.infer<typeof cancelSchema>>({ resolver: zodResolver(cancelSchema), defaultValues: { reason: '' } });
  const cancel = useCancelContract();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        cancel.mutate(
          { id: contract.id, reason: values.reason.trim() },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, ['reason']) },
        ),
      )}
    >
      <FormErrors message={cancel.error ? problemMessage(cancel.error) : null} />
      <TextAreaField label="Motivo" required autoFocus rows={3} error={form.formState.errors.reason?.message} {...form.register('reason')} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={cancel.isPending}>
          Voltar
        </Button>
        <Button type="submit" variant="danger" isLoading={cancel.isPending}>
          Cancelar contrato
        </Button>
      </div>
    </form>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-800">{label}</dt>
      <dd className="text-slate-700">{children}</dd>
    </div>
  );
}

/** A contract: its terms, items and amounts, and the status changes its state allows. */
export function ContractView({ contract }: { contract: Contract }) {
  const change = useChangeContractStatus();
  const [pending, setPending] = useState<Action | null>(null);
  const actions = ACTIONS[contract.status];
  const suffix = BILLING_PERIOD_SUFFIX[contract.recurrence];
  const confirm = pending && pending !== 'cancel' ? ACTION_TEXT[pending] : null;

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="space-y-6 lg:col-span-2">
        <div aria-live="assertive">{change.error && <Alert title="Não foi possível mudar a situação">{problemMessage(change.error)}</Alert>}</div>
        {contract.status === 'cancelled' && (
          <Alert title={`Cancelado${contract.cancelled_at ? ` em ${formatDateTime(contract.cancelled_at)}` : ''}`}>
            Motivo: <strong>{contract.cancel_reason || 'não informado'}</strong>
          </Alert>
        )}
        <section aria-labelledby="contract-data-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="contract-data-title" className="text-base font-semibold text-slate-900">
            Dados do contrato
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <Field label="Cliente">
              <Link to={paths.app.crm.customer.getHref(contract.customer_id)} className="text-indigo-800 hover:underline">
                {contract.customer_name}
              </Link>
            </Field>
            <Field label="Início">{formatIsoDate(contract.start_date)}</Field>
            <Field label="Prazo">
              {contract.term_months ? `${contract.term_months} ${contract.term_months === 1 ? 'mês' : 'meses'}` : 'Indeterminado (até cancelar)'}
            </Field>
            <Field label="Dia de cobrança">
              Todo dia {contract.billing_day}
              {contract.billing_day > 28 && <span className="text-xs text-slate-500"> (nos meses mais curtos, o último dia)</span>}
            </Field>
            <Field label="Periodicidade">{BILLING_LABELS[contract.recurrence]}</Field>
            <Field label="Assinado em">{contract.signed_at ? formatDateTime(contract.signed_at) : 'Ainda não assinado'}</Field>
            {contract.proposal_id && (
              <Field label="Origem">
                <Link to={paths.app.crm.proposal.getHref(contract.proposal_id)} className="text-indigo-800 hover:underline">
                  Proposta aceita pelo cliente
                </Link>
              </Field>
            )}
          </dl>
        </section>
        <section aria-labelledby="contract-items-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 id="contract-items-title" className="p-4 text-base font-semibold text-slate-900 sm:px-6">
            Itens
          </h2>
          <LineItemsTable items={contract.items} />
        </section>
      </div>

      <aside className="space-y-4 lg:self-start">
        <section aria-labelledby="contract-amounts-title" className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="contract-amounts-title" className="text-base font-semibold text-slate-900">
            Valores
          </h2>
          <dl className="space-y-1.5 text-sm">
            {contract.recurring_cents > 0 && (
              <div className="flex items-baseline justify-between gap-4 text-base font-semibold text-slate-900">
                <dt>Recorrente ({BILLING_LABELS[contract.recurrence].toLowerCase()})</dt>
                <dd className="tabular-nums whitespace-nowrap" data-testid="contract-recurring">
                  {formatMoney(contract.recurring_cents)}
                  {suffix}
                </dd>
              </div>
            )}
            {(contract.one_time_cents > 0 || contract.recurring_cents === 0) && (
              <div className="flex items-baseline justify-between gap-4">
                <dt className="text-slate-600">Pagamento único</dt>
                <dd className="tabular-nums whitespace-nowrap" data-testid="contract-one-time">
                  {formatMoney(contract.one_time_cents)}
                </dd>
              </div>
            )}
          </dl>
        </section>
        {actions.length > 0 && (
          <div className="flex flex-col gap-2" role="group" aria-label="Ações do contrato">
            {actions.map((action) =>
              action === 'cancel' ? (
                <Button key={action} variant="ghost" className="text-red-700" onClick={() => setPending('cancel')}>
                  Cancelar contrato
                </Button>
              ) : (
                <Button key={action} variant={action === 'sign' ? 'primary' : 'secondary'} onClick={() => setPending(action)}>
                  {ACTION_TEXT[action].label}
                </Button>
              ),
            )}
          </div>
        )}
      </aside>

      <ConfirmDialog
        open={confirm !== null}
        title={confirm?.title ?? ''}
        confirmLabel={confirm?.confirm ?? ''}
        cancelLabel="Voltar"
        tone={pending === 'end' ? 'danger' : 'primary'}
        isLoading={change.isPending}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          pending && pending !== 'cancel' && change.mutate({ id: contract.id, action: pending }, { onSettled: () => setPending(null) })
        }
      >
        <p>{confirm?.body}</p>
      </ConfirmDialog>
      <Dialog
        open={pending === 'cancel'}
        onClose={() => setPending(null)}
        title={`Cancelar ${contractNumber(contract.number)}?`}
        description="O contrato deixa de valer. O motivo fica registrado no histórico do cliente."
      >
        <CancelForm contract={contract} onDone={() => setPending(null)} />
      </Dialog>
    </div>
  );
}
