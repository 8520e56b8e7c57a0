import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { TextAreaField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { Subscription } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatDateTime, formatIsoDate, formatMoney, todayIso } from '@/lib/format';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { problemMessage } from '@/lib/problem';

import { useCancelSubscription, useChangeSubscriptionPlan, useChangeSubscriptionStatus } from '../api/save-subscription';
import { estimateProration } from '../utils/proration';

import { CustomerLink } from './customer-link';
import { InvoicesTable } from './invoices-table';
import { INTERVAL_LABELS, intervalSuffix } from './labels';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="font-medium text-slate-800">{label}</dt>
      <dd className="text-slate-700">{children}</dd>
    </div>
  );
}

const cancelSchema = z.object({
  reason: z.string().trim().min(1, 'Informe o motivo do cancelamento.').max(1000, 'Use no máximo 1000 caracteres.'),
});

function CancelForm({ subscription, onDone }: { subscription: Subscription; onDone: () => void }) {
  const form = useForm<z.infer<typeof cancelSchema>>({ resolver: zodResolver(cancelSchema), defaultValues: { reason: '' } });
  const cancel = useCancelSubscription();
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        cancel.mutate(
          { id: subscription.id, reason: values.reason.trim() },
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
          Cancelar assinatura
        </Button>
      </div>
    </form>
  );
}

const planSchema = z.object({
  amount: z.string().refine((value) => {
    const cents = parseMoneyToCents(value);
    return cents !== null && cents > 0;
  }, 'Informe o novo valor por período, maior que zero.'),
  description: z.string().trim().min(1, 'Descreva a assinatura.').max(200, 'Use no máximo 200 caracteres.'),
});
type PlanValues = z.infer<typeof planSchema>;
const PLAN_FIELDS = ['amount', 'description'] as const;
const planRename = (path: string) => (path === 'amount_cents' ? 'amount' : path);

function ChangePlanForm({ subscription, onDone }: { subscription: Subscription; onDone: () => void }) {
  const form = useForm<PlanValues>({
    resolver: zodResolver(planSchema),
    defaultValues: { amount: formatCentsForInput(subscription.amount_cents), description: subscription.description },
  });
  const { errors } = form.formState;
  const change = useChangeSubscriptionPlan();
  const amountText = useWatch({ control: form.control, name: 'amount' });
  const newCents = parseMoneyToCents(amountText ?? '');
  const estimate =
    newCents !== null && newCents > 0 && newCents !== subscription.amount_cents
      ? estimateProration({
          fromCents: subscription.amount_cents,
          toCents: newCents,
          nextBillingDate: subscription.next_billing_date,
          intervalMonths: subscription.interval_months,
          anchorDay: subscription.anchor_day,
          today: todayIso(),
        })
      : null;
  const suffix = intervalSuffix(subscription.interval_months);

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        change.mutate(
          {
            id: subscription.id,
            input: { amount_cents: parseMoneyToCents(values.amount) ?? 0, description: values.description.trim() },
          },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, PLAN_FIELDS, planRename) },
        ),
      )}
    >
      <FormErrors message={change.error ? problemMessage(change.error) : null} extra={unmatchedFieldErrors(change.error, PLAN_FIELDS, planRename)} />
      <TextField
        label={`Novo valor (${suffix.slice(1)})`}
        prefix="R$"
        required
        inputMode="decimal"
        hint={`Hoje: ${formatMoney(subscription.amount_cents)}${suffix}.`}
        error={errors.amount?.message}
        {...form.register('amount', {
          onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
            const cents = parseMoneyToCents(event.target.value);
            if (cents !== null) form.setValue('amount', formatCentsForInput(cents));
          },
        })}
      />
      <TextField label="Descrição" required error={errors.description?.message} {...form.register('description')} />
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">
        <p>
          O novo valor vale a partir do próximo período ({formatIsoDate(subscription.next_billing_date)}). A diferença no período atual é
          proporcional aos dias que faltam e entra na próxima fatura: cobrança a mais se o valor subir, crédito se descer.
        </p>
        {estimate !== null && estimate !== 0 && (
          <p className="mt-1 font-medium" aria-live="polite">
            Estimativa do ajuste: {estimate > 0 ? `+ ${formatMoney(estimate)}` : `− ${formatMoney(-estimate)}`} na próxima fatura.
          </p>
        )}
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onDone} disabled={change.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={change.isPending}>
          Alterar plano
        </Button>
      </div>
    </form>
  );
}

type Pending = 'plan' | 'pause' | 'resume' | 'cancel' | null;

/** A subscription: terms, MRR, next billing, its invoices and the changes its state allows. */
export function SubscriptionView({ subscription }: { subscription: Subscription }) {
  const { user } = useMe();
  const [pending, setPending] = useState<Pending>(null);
  const status = useChangeSubscriptionStatus();
  const s = subscription;
  const suffix = intervalSuffix(s.interval_months);
  const live = s.status === 'active' || s.status === 'paused';
  const close = () => setPending(null);

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <div aria-live="assertive">{status.error && <Alert title="Não foi possível mudar a situação">{problemMessage(status.error)}</Alert>}</div>
        {s.status === 'cancelled' && (
          <Alert title={`Cancelada${s.cancelled_at ? ` em ${formatDateTime(s.cancelled_at)}` : ''}`}>
            Motivo: <strong>{s.cancel_reason || 'não informado'}</strong>
          </Alert>
        )}
        {s.status === 'paused' && (
          <Alert tone="warning" title={`Pausada${s.paused_at ? ` desde ${formatDateTime(s.paused_at)}` : ''}`}>
            Períodos que começarem enquanto pausada não são faturados. Ao retomar, a cobrança volta no próximo período.
          </Alert>
        )}
        <section aria-labelledby="subscription-data-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="subscription-data-title" className="text-base font-semibold text-slate-900">
            Dados da assinatura
          </h2>
          <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-2">
            <Field label="Cliente">
              <CustomerLink id={s.customer_id} name={s.customer_name} className="text-indigo-800" />
            </Field>
            <Field label="Periodicidade">{INTERVAL_LABELS[s.interval_months] ?? `${s.interval_months} meses`}</Field>
            <Field label="Dia de cobrança">
              Todo dia {s.anchor_day}
              {s.anchor_day > 28 && <span className="text-xs text-slate-500"> (nos meses mais curtos, o último dia)</span>}
            </Field>
            <Field label="Próxima cobrança">{live ? formatIsoDate(s.next_billing_date) : '—'}</Field>
            <Field label="Término">{s.ends_on ? formatIsoDate(s.ends_on) : 'Até cancelar'}</Field>
            {s.contract_id && (
              <Field label="Origem">
                {canAccess(user.role, 'crm') ? (
                  <Link to={paths.app.crm.contract.getHref(s.contract_id)} className="text-indigo-800 hover:underline">
                    Contrato
                  </Link>
                ) : (
                  'Contrato'
                )}
              </Field>
            )}
          </dl>
        </section>
        <section aria-labelledby="subscription-invoices-title" className="rounded-xl bg-white shadow-sm ring-1 ring-slate-200">
          <h2 id="subscription-invoices-title" className="p-4 text-base font-semibold text-slate-900 sm:px-6">
            Faturas da assinatura
          </h2>
          <InvoicesTable
            filters={{ subscription_id: s.id }}
            hideCustomer
            caption="Faturas da assinatura"
            emptyText="Nenhuma fatura ainda: a primeira sai na próxima cobrança."
          />
        </section>
      </div>

      <aside className="space-y-4 lg:self-start">
        <section aria-labelledby="subscription-amounts-title" className="space-y-2 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
          <h2 id="subscription-amounts-title" className="text-base font-semibold text-slate-900">
            Valores
          </h2>
          <dl className="space-y-1.5 text-sm">
            <div className="flex items-baseline justify-between gap-4 text-base font-semibold text-slate-900">
              <dt>Valor</dt>
              <dd className="whitespace-nowrap tabular-nums" data-testid="subscription-amount">
                {formatMoney(s.amount_cents)}
                {suffix}
              </dd>
            </div>
            <div className="flex items-baseline justify-between gap-4">
              <dt className="text-slate-600">MRR (receita mensal)</dt>
              <dd className="whitespace-nowrap tabular-nums">{s.status === 'active' ? formatMoney(s.mrr_cents) : '—'}</dd>
            </div>
            {s.pending_adjustment_cents !== 0 && (
              <div className="flex items-baseline justify-between gap-4">
                <dt className="text-slate-600">Ajuste na próxima fatura</dt>
                <dd className="whitespace-nowrap tabular-nums">
                  {s.pending_adjustment_cents > 0 ? `+ ${formatMoney(s.pending_adjustment_cents)}` : `− ${formatMoney(-s.pending_adjustment_cents)}`}
                </dd>
              </div>
            )}
          </dl>
          {s.pending_adjustment_cents !== 0 && (
            <p className="text-xs text-slate-500">Proporcional à troca de plano no período em curso.</p>
          )}
        </section>
        {live && (
          <div className="flex flex-col gap-2" role="group" aria-label="Ações da assinatura">
            <Button variant="secondary" onClick={() => setPending('plan')}>
              Alterar plano
            </Button>
            {s.status === 'active' && (
              <Button variant="secondary" onClick={() => setPending('pause')}>
                Pausar
              </Button>
            )}
            {s.status === 'paused' && <Button onClick={() => setPending('resume')}>Retomar</Button>}
            <Button variant="ghost" className="text-red-700" onClick={() => setPending('cancel')}>
              Cancelar assinatura
            </Button>
          </div>
        )}
      </aside>

      <Dialog open={pending === 'plan'} onClose={close} title="Alterar plano" description={s.description}>
        <ChangePlanForm subscription={s} onDone={close} />
      </Dialog>
      <Dialog
        open={pending === 'cancel'}
        onClose={close}
        title="Cancelar assinatura?"
        description="Nenhuma nova fatura é emitida. As faturas já emitidas continuam valendo: cancele-as uma a uma se não devem ser pagas."
      >
        <CancelForm subscription={s} onDone={close} />
      </Dialog>
      <ConfirmDialog
        open={pending === 'pause' || pending === 'resume'}
        title={pending === 'pause' ? 'Pausar assinatura?' : 'Retomar assinatura?'}
        confirmLabel={pending === 'pause' ? 'Pausar' : 'Retomar'}
        cancelLabel="Voltar"
        isLoading={status.isPending}
        onCancel={close}
        onConfirm={() => (pending === 'pause' || pending === 'resume') && status.mutate({ id: s.id, action: pending }, { onSettled: close })}
      >
        <p>
          {pending === 'pause'
            ? 'Enquanto pausada, os períodos que começarem não são faturados.'
            : 'A cobrança volta a partir do primeiro período que começar hoje ou depois; os períodos pausados não são cobrados.'}
        </p>
      </ConfirmDialog>
    </div>
  );
}
