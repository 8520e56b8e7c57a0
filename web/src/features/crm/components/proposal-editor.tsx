import { zodResolver } from '@hookform/resolvers/zod';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Controller, FormProvider, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { Customer, Proposal, SentProposal } from '@/lib/api/models';
import { proposalNumber } from '@/lib/commercial';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { opportunitiesInfiniteQueryOptions } from '../api/get-opportunities';
import { opportunityQueryOptions } from '../api/get-opportunity';
import { proposalQueryOptions } from '../api/get-proposal';
import { useCreateProposal, useDeleteProposal, useUpdateProposal } from '../api/save-proposal';
import { emptyItem, itemInputFromValues, itemsSchema, itemValuesFromLine, priceItems, renameItemField } from '../utils/line-items';
import { formatBpForInput, parsePercentToBp } from '../utils/pricing';

import { AmountsSummary } from './amounts-summary';
import { CustomerPicker } from './customer-picker';
import { LineItemsFields } from './line-items-fields';
import { ProposalLinkActions } from './proposal-link-actions';
import { ProposalPdfDialog } from './proposal-pdf-dialog';
import { ProposalVersionsDialog } from './proposal-versions-dialog';
import { SendProposalDialog } from './send-proposal-dialog';
import { SentLinkPanel } from './sent-link-panel';

const schema = z.object({
  customer: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .refine((value) => Boolean(value), 'Escolha o cliente.'),
  opportunity_id: z.string(),
  title: z.string().trim().min(1, 'Informe o título.').max(200, 'Use no máximo 200 caracteres.'),
  valid_until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Informe a validade.'),
  terms: z.string().max(10_000, 'Use no máximo 10.000 caracteres.'),
  discount: z.string().refine((value) => parsePercentToBp(value) !== null, 'Desconto entre 0 e 100%.'),
  items: itemsSchema,
  /** The proposal's version the form started from, sent back in If-Match. */
  version: z.number(),
});
export type ProposalFormValues = z.infer<typeof schema>;

const FIELDS = ['customer', 'opportunity_id', 'title', 'valid_until', 'terms', 'discount', 'items'] as const;
const rename = (path: string) => {
  if (path === 'customer_id') return 'customer';
  if (path === 'discount_bp') return 'discount';
  return renameItemField(path);
};

/** Today + `days` as YYYY-MM-DD, in the browser's calendar. */
function dateFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const toValues = (p: Proposal): ProposalFormValues => ({
  customer: { id: p.customer_id, name: p.customer_name },
  opportunity_id: p.opportunity_id ?? '',
  title: p.title,
  valid_until: p.valid_until,
  terms: p.terms,
  discount: formatBpForInput(p.discount_bp),
  items: p.items.map(itemValuesFromLine),
  version: p.version,
});

export type NewProposalDefaults = {
  customer?: Pick<Customer, 'id' | 'name'> | null;
  opportunityId?: string;
  title?: string;
  /** The conversation it is made for (the inbox's "Nova proposta"): kept while the customer stays the prefilled one. */
  ticketId?: string;
};

type ProposalEditorProps =
  | { proposal: Proposal; defaults?: undefined; onCreated?: undefined; onDeleted: () => void }
  | { proposal?: undefined; defaults: NewProposalDefaults; onCreated: (proposal: Proposal) => void; onDeleted?: undefined };

/**
 * Creates a proposal or edits one that is still open (draft, sent, viewed).
 * Totals are priced live by the server's rule while typing; after a save the
 * server's figures are shown.
 */
export function ProposalEditor({ proposal, defaults, onCreated, onDeleted }: ProposalEditorProps) {
  const queryClient = useQueryClient();
  const form = useForm<ProposalFormValues>({
    resolver: zodResolver(schema),
    defaultValues: proposal
      ? toValues(proposal)
      : {
          customer: defaults.customer ?? null,
          opportunity_id: defaults.opportunityId ?? '',
          title: defaults.title ?? '',
          valid_until: dateFromToday(15),
          terms: '',
          discount: '',
          items: [emptyItem()],
          version: 0,
        },
  });
  const { errors, isDirty } = form.formState;
  const create = useCreateProposal();
  const update = useUpdateProposal();
  const remove = useDeleteProposal();
  const saving = create.isPending || update.isPending;
  const saveError = proposal ? update.error : create.error;
  const conflict = isApiError(update.error) && update.error.status === 409;
  const [reloading, setReloading] = useState(false);
  const [dialog, setDialog] = useState<'pdf' | 'send' | 'versions' | 'delete' | null>(null);
  const [sent, setSent] = useState<{ url: string; to: string } | null>(null);

  // While nothing is typed, the form follows the server (a send, someone
  // else's save arriving live). With changes pending it keeps them; a save
  // over a newer version then answers 409.
  useEffect(() => {
    if (proposal && !isDirty) form.reset(toValues(proposal));
  }, [proposal, isDirty, form]);

  const customer = useWatch({ control: form.control, name: 'customer' });
  const items = useWatch({ control: form.control, name: 'items' });
  const discount = useWatch({ control: form.control, name: 'discount' });
  const pricing = useMemo(() => priceItems(items ?? [], discount ?? ''), [items, discount]);
  // A new proposal offers the chosen customer's opportunities; a saved one names its own.
  const opportunities = useInfiniteQuery({
    ...opportunitiesInfiniteQueryOptions({ customer_id: customer?.id }),
    enabled: !proposal && Boolean(customer),
  });
  const opportunityOptions = customer ? (opportunities.data?.pages.flatMap((page) => page.items) ?? []) : [];
  const linkedOpportunity = useQuery({
    ...opportunityQueryOptions(proposal?.opportunity_id ?? ''),
    enabled: Boolean(proposal?.opportunity_id),
  });

  async function reload() {
    if (!proposal) return;
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...proposalQueryOptions(proposal.id), staleTime: 0 });
      form.reset(toValues(fresh));
      update.reset();
    } finally {
      setReloading(false);
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    const common = {
      title: values.title.trim(),
      valid_until: values.valid_until,
      terms: values.terms.trim(),
      discount_bp: parsePercentToBp(values.discount) ?? 0,
      items: values.items.map(itemInputFromValues),
    };
    const onError = (error: unknown) => applyFieldErrors(error, form.setError, FIELDS, rename);
    if (proposal) {
      update.mutate(
        { id: proposal.id, version: values.version, input: common },
        { onSuccess: (saved) => form.reset(toValues(saved)), onError },
      );
    } else {
      const customerId = values.customer?.id ?? '';
      const ticketId = defaults.ticketId && customerId === defaults.customer?.id ? defaults.ticketId : null;
      create.mutate(
        { ...common, customer_id: customerId, opportunity_id: values.opportunity_id || null, ticket_id: ticketId },
        { onSuccess: (created) => onCreated(created), onError },
      );
    }
  });

  const showServerTotals = Boolean(proposal) && !isDirty;
  const amounts =
    proposal && showServerTotals
      ? {
          subtotalCents: proposal.subtotal_cents,
          discountCents: proposal.discount_cents,
          discountBp: proposal.discount_bp,
          totalCents: proposal.total_cents,
          oneTimeCents: proposal.one_time_cents,
          recurringCents: proposal.recurring_cents,
          recurrence: proposal.recurrence,
        }
      : {
          subtotalCents: pricing.totals.subtotalCents,
          discountCents: pricing.totals.discountCents,
          discountBp: parsePercentToBp(discount ?? '') ?? 0,
          totalCents: pricing.totals.totalCents,
          oneTimeCents: pricing.totals.oneTimeCents,
          recurringCents: pricing.totals.recurringCents,
          recurrence: pricing.recurrence,
        };
  const wasSent = proposal && (proposal.status === 'sent' || proposal.status === 'viewed');

  const onSent = (result: SentProposal, to: string) => {
    setDialog(null);
    setSent({ url: result.public_url, to });
  };

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={onSubmit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]" aria-label={proposal ? `Proposta ${proposalNumber(proposal.number)}` : 'Nova proposta'}>
        <div className="min-w-0 space-y-6">
          <div aria-live="assertive" className="space-y-3">
            {conflict && (
              <div
                role="alert"
                className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between"
              >
                <p>
                  <strong>Alterado por outra pessoa.</strong> {problemMessage(update.error)}
                </p>
                <Button variant="secondary" size="sm" onClick={() => void reload()} isLoading={reloading}>
                  Recarregar
                </Button>
              </div>
            )}
            {!conflict && <FormErrors message={saveError ? problemMessage(saveError) : null} extra={unmatchedFieldErrors(saveError, FIELDS, rename)} />}
            {remove.error && <Alert title="Não foi possível excluir">{problemMessage(remove.error)}</Alert>}
          </div>
          {sent && <SentLinkPanel url={sent.url} to={sent.to} onClose={() => setSent(null)} />}
          {wasSent && !sent && (
            <Alert tone="info" title={`Enviada${proposal.sent_at ? ` em ${formatDateTime(proposal.sent_at)}` : ''}`}>
              {proposal.status === 'viewed' && proposal.viewed_at ? <>O cliente abriu o link em {formatDateTime(proposal.viewed_at)}. </> : null}
              Salvar uma alteração cria a revisão {proposal.revision + 1} como rascunho e o link enviado deixa de funcionar até você enviar de novo.
              <ProposalLinkActions proposalId={proposal.id} version={proposal.version} />
            </Alert>
          )}

          <section aria-labelledby="proposal-data-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="proposal-data-title" className="text-base font-semibold text-slate-900">
              Dados da proposta
            </h2>
            <div className="grid gap-4 sm:grid-cols-2">
              {proposal ? (
                <>
                  <div className="text-sm">
                    <p className="font-medium text-slate-800">Cliente</p>
                    <Link to={paths.app.crm.customer.getHref(proposal.customer_id)} className="mt-1 inline-block text-indigo-800 hover:underline">
                      {proposal.customer_name}
                    </Link>
                  </div>
                  <div className="text-sm">
                    <p className="font-medium text-slate-800">Oportunidade</p>
                    <p className="mt-1 text-slate-700">{proposal.opportunity_id ? (linkedOpportunity.data?.title ?? '…') : 'Nenhuma'}</p>
                  </div>
                </>
              ) : (
                <>
                  <Controller
                    control={form.control}
                    name="customer"
                    render={({ field, fieldState }) => (
                      <CustomerPicker
                        label="Cliente"
                        value={field.value}
                        onChange={(next) => {
                          field.onChange(next ? { id: next.id, name: next.name } : null);
                          form.setValue('opportunity_id', '');
                        }}
                        error={fieldState.error?.message}
                        autoFocus={!field.value}
                      />
                    )}
                  />
                  {/* Controlled: the options arrive after the prefilled value. */}
                  <Controller
                    control={form.control}
                    name="opportunity_id"
                    render={({ field, fieldState }) => (
                      <SelectField
                        label="Oportunidade"
                        disabled={!customer}
                        hint={customer ? undefined : 'Escolha o cliente primeiro.'}
                        error={fieldState.error?.message}
                        name={field.name}
                        ref={field.ref}
                        value={field.value}
                        onBlur={field.onBlur}
                        onChange={(event) => {
                          field.onChange(event.target.value);
                          const chosen = opportunityOptions.find((o) => o.id === event.target.value);
                          if (chosen && !form.getValues('title').trim()) form.setValue('title', chosen.title);
                        }}
                      >
                        <option value="">Nenhuma</option>
                        {field.value && !opportunityOptions.some((o) => o.id === field.value) && (
                          <option value={field.value}>{defaults?.title ?? 'Oportunidade escolhida'}</option>
                        )}
                        {opportunityOptions.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.title}
                          </option>
                        ))}
                      </SelectField>
                    )}
                  />
                </>
              )}
              <TextField label="Título" required wrapperClassName="sm:col-span-2" error={errors.title?.message} {...form.register('title')} />
              <TextField label="Válida até" type="date" required error={errors.valid_until?.message} {...form.register('valid_until')} />
              <TextAreaField
                label="Condições"
                rows={4}
                wrapperClassName="sm:col-span-2"
                placeholder="Forma de pagamento, prazos de entrega, garantia…"
                error={errors.terms?.message}
                {...form.register('terms')}
              />
            </div>
          </section>

          <section aria-labelledby="proposal-items-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="proposal-items-title" className="text-base font-semibold text-slate-900">
              Itens
            </h2>
            <LineItemsFields pricing={pricing} />
          </section>
        </div>

        <aside className="space-y-4 lg:sticky lg:top-4 lg:self-start">
          <section aria-labelledby="proposal-totals-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
            <h2 id="proposal-totals-title" className="text-base font-semibold text-slate-900">
              Totais
            </h2>
            <TextField label="Desconto geral (%)" inputMode="decimal" placeholder="0" error={errors.discount?.message} {...form.register('discount')} />
            <div aria-live="polite">
              <AmountsSummary amounts={amounts} />
            </div>
            <p className="text-xs text-slate-500">
              {showServerTotals
                ? 'Valores calculados pelo servidor.'
                : pricing.error
                  ? pricing.error
                  : pricing.incomplete
                    ? 'Prévia: itens incompletos ainda não entram na conta.'
                    : 'Prévia calculada enquanto você digita; o servidor confirma ao salvar.'}
            </p>
          </section>

          <div className="flex flex-col gap-2">
            <Button type="submit" isLoading={saving} disabled={Boolean(proposal) && !isDirty}>
              Salvar
            </Button>
            {proposal && (
              <>
                <Button variant="secondary" onClick={() => setDialog('pdf')}>
                  Pré-visualizar PDF
                </Button>
                <Button variant="secondary" onClick={() => setDialog('send')} disabled={isDirty}>
                  Enviar
                </Button>
                {isDirty && <p className="text-xs text-slate-500">Salve as alterações antes de enviar.</p>}
                <Button variant="secondary" onClick={() => setDialog('versions')}>
                  Versões
                </Button>
                {proposal.status === 'draft' && (
                  <Button variant="ghost" className="text-red-700" onClick={() => setDialog('delete')}>
                    Excluir
                  </Button>
                )}
              </>
            )}
          </div>
        </aside>
      </form>

      {proposal && (
        <>
          <ProposalPdfDialog open={dialog === 'pdf'} onClose={() => setDialog(null)} proposal={proposal} unsavedChanges={isDirty} />
          <SendProposalDialog open={dialog === 'send'} onClose={() => setDialog(null)} proposal={proposal} onSent={onSent} />
          <ProposalVersionsDialog open={dialog === 'versions'} onClose={() => setDialog(null)} proposal={proposal} />
          <ConfirmDialog
            open={dialog === 'delete'}
            title={`Excluir ${proposalNumber(proposal.number)}?`}
            confirmLabel="Excluir"
            tone="danger"
            isLoading={remove.isPending}
            onCancel={() => setDialog(null)}
            onConfirm={() => remove.mutate(proposal.id, { onSuccess: onDeleted, onSettled: () => setDialog(null) })}
          >
            <p>O rascunho “{proposal.title}” será excluído. Esta ação não pode ser desfeita.</p>
          </ConfirmDialog>
        </>
      )}
    </FormProvider>
  );
}
