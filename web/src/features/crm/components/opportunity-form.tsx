import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';

import { OwnerSelect } from '@/components/owner-select';
import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { SelectField, TextField } from '@/components/ui/fields';
import { paths } from '@/config/paths';
import type { Customer, Opportunity, Pipeline } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canAccess } from '@/lib/authorization';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatCentsForInput, parseMoneyToCents } from '@/lib/money';
import { isApiError, problemMessage } from '@/lib/problem';

import { opportunityQueryOptions } from '../api/get-opportunity';
import { useCreateOpportunity, useDeleteOpportunity, useUpdateOpportunity } from '../api/save-opportunity';

import { CustomerPicker } from './customer-picker';
import { OpportunityExtras } from './opportunity-extras-slot';

const money = z
  .string()
  .refine((value) => value.trim() === '' || parseMoneyToCents(value) !== null, 'Valor inválido: use o formato 1.234,56.')
  .refine((value) => (parseMoneyToCents(value) ?? 0) >= 0, 'O valor não pode ser negativo.');

const schema = z.object({
  customer: z.object({ id: z.string(), name: z.string() }).nullable().refine((value) => Boolean(value), 'Escolha o cliente.'),
  pipeline_id: z.string().min(1, 'Escolha o funil.'),
  stage_id: z.string(),
  title: z.string().trim().min(1, 'Informe o título.').max(200, 'Use no máximo 200 caracteres.'),
  value: money,
  expected_close_date: z.string(),
  owner_id: z.string(),
  source: z.string().trim().max(100, 'Use no máximo 100 caracteres.'),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['customer', 'pipeline_id', 'stage_id', 'title', 'value', 'expected_close_date', 'owner_id', 'source'] as const;
const rename = (path: string) => (path === 'value_cents' ? 'value' : path === 'customer_id' ? 'customer' : path);

type CreateProps = {
  open: boolean;
  onClose: () => void;
  pipelines: Pipeline[];
  defaultPipelineId?: string;
  /** Fixed customer (from the customer's page). */
  customer?: Pick<Customer, 'id' | 'name'>;
  defaultOwnerId?: string;
  /** The title to start from (a conversation's subject). */
  defaultTitle?: string;
  /** The conversation the deal comes from ("Criar oportunidade" on a ticket). */
  ticketId?: string;
  onCreated?: (opportunity: Opportunity) => void;
};

export function NewOpportunityDialog(props: CreateProps) {
  return (
    <Dialog open={props.open} onClose={props.onClose} title="Nova oportunidade" size="lg">
      <CreateForm {...props} />
    </Dialog>
  );
}

function CreateForm({ onClose, pipelines, defaultPipelineId, customer, defaultOwnerId = '', defaultTitle = '', ticketId, onCreated }: CreateProps) {
  const pipelineId = defaultPipelineId ?? pipelines[0]?.id ?? '';
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      customer: customer ?? null,
      pipeline_id: pipelineId,
      stage_id: '',
      title: defaultTitle.slice(0, 200),
      value: '',
      expected_close_date: '',
      owner_id: defaultOwnerId,
      source: '',
    },
  });
  const { errors } = form.formState;
  const create = useCreateOpportunity();
  const selectedPipeline = useWatch({ control: form.control, name: 'pipeline_id' });
  const stages = pipelines.find((p) => p.id === selectedPipeline)?.stages.filter((s) => s.kind === 'open') ?? [];

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        create.mutate(
          {
            customer_id: values.customer!.id,
            pipeline_id: values.pipeline_id,
            stage_id: values.stage_id || null,
            title: values.title.trim(),
            value_cents: parseMoneyToCents(values.value) ?? 0,
            expected_close_date: values.expected_close_date || null,
            owner_id: values.owner_id || null,
            source: values.source.trim() || null,
            ticket_id: ticketId ?? null,
          },
          {
            onSuccess: (opportunity) => {
              onCreated?.(opportunity);
              onClose();
            },
            onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename),
          },
        ),
      )}
    >
      <FormErrors message={create.error ? problemMessage(create.error) : null} extra={unmatchedFieldErrors(create.error, FIELDS, rename)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          {customer ? (
            <p className="text-sm text-slate-700">
              Cliente: <strong>{customer.name}</strong>
            </p>
          ) : (
            <Controller
              control={form.control}
              name="customer"
              render={({ field, fieldState }) => (
                <CustomerPicker label="Cliente" value={field.value} onChange={field.onChange} error={fieldState.error?.message} autoFocus />
              )}
            />
          )}
        </div>
        <TextField label="Título" required wrapperClassName="sm:col-span-2" error={errors.title?.message} {...form.register('title')} />
        <SelectField
          label="Funil"
          error={errors.pipeline_id?.message}
          {...form.register('pipeline_id', { onChange: () => form.setValue('stage_id', '') })}
        >
          {pipelines.map((pipeline) => (
            <option key={pipeline.id} value={pipeline.id}>
              {pipeline.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Etapa" error={errors.stage_id?.message} {...form.register('stage_id')}>
          <option value="">{stages[0] ? `${stages[0].name} (primeira etapa)` : 'Primeira etapa'}</option>
          {stages.slice(1).map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Valor"
          prefix="R$"
          inputMode="decimal"
          placeholder="0,00"
          error={errors.value?.message}
          {...form.register('value', {
            onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
              const cents = parseMoneyToCents(event.target.value);
              if (cents !== null) form.setValue('value', formatCentsForInput(cents));
            },
          })}
        />
        <TextField label="Previsão de fechamento" type="date" error={errors.expected_close_date?.message} {...form.register('expected_close_date')} />
        <Controller
          control={form.control}
          name="owner_id"
          render={({ field, fieldState }) => <OwnerSelect emptyLabel="Eu mesmo" error={fieldState.error?.message} {...field} />}
        />
        <TextField label="Origem" placeholder="Indicação, site, WhatsApp…" error={errors.source?.message} {...form.register('source')} />
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Criar oportunidade
        </Button>
      </div>
    </form>
  );
}

const editSchema = schema.pick({ title: true, value: true, expected_close_date: true, owner_id: true, source: true });
type EditValues = z.infer<typeof editSchema>;
const EDIT_FIELDS = ['title', 'value', 'expected_close_date', 'owner_id', 'source'] as const;

const toEditValues = (o: Opportunity): EditValues => ({
  title: o.title,
  value: formatCentsForInput(o.value_cents),
  expected_close_date: o.expected_close_date ?? '',
  owner_id: o.owner_id ?? '',
  source: o.source ?? '',
});

export function EditOpportunityDialog({ opportunity, onClose }: { opportunity: Opportunity | null; onClose: () => void }) {
  return (
    <Dialog open={opportunity !== null} onClose={onClose} title="Oportunidade" description={opportunity?.customer_name} size="lg">
      {opportunity && (
        <>
          <EditForm opportunity={opportunity} onClose={onClose} />
          <OpportunityExtras opportunity={opportunity} />
        </>
      )}
    </Dialog>
  );
}

function EditForm({ opportunity, onClose }: { opportunity: Opportunity; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { user } = useMe();
  const form = useForm<EditValues>({ resolver: zodResolver(editSchema), defaultValues: toEditValues(opportunity) });
  const { errors } = form.formState;
  const update = useUpdateOpportunity();
  const remove = useDeleteOpportunity();
  const [version, setVersion] = useState(opportunity.version);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [reloading, setReloading] = useState(false);
  const conflict = isApiError(update.error) && update.error.status === 409;

  async function reload() {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...opportunityQueryOptions(opportunity.id), staleTime: 0 });
      form.reset(toEditValues(fresh));
      setVersion(fresh.version);
      update.reset();
    } finally {
      setReloading(false);
    }
  }

  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        update.mutate(
          {
            id: opportunity.id,
            version,
            input: {
              title: values.title.trim(),
              value_cents: parseMoneyToCents(values.value) ?? 0,
              expected_close_date: values.expected_close_date || null,
              owner_id: values.owner_id || null,
              source: values.source.trim() || null,
            },
          },
          { onSuccess: onClose, onError: (error) => applyFieldErrors(error, form.setError, EDIT_FIELDS, rename) },
        ),
      )}
    >
      {conflict && (
        <div role="alert" className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between">
          <p>
            <strong>Alterado por outra pessoa.</strong> Recarregue para ver a versão atual.
          </p>
          <Button variant="secondary" size="sm" onClick={() => void reload()} isLoading={reloading}>
            Recarregar
          </Button>
        </div>
      )}
      <FormErrors
        message={update.error && !conflict ? problemMessage(update.error) : remove.error ? problemMessage(remove.error) : null}
        extra={unmatchedFieldErrors(update.error, EDIT_FIELDS, rename)}
      />
      {opportunity.lost_reason && (
        <p className="text-sm text-slate-700">
          Motivo da perda: <strong>{opportunity.lost_reason}</strong>
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Título" required wrapperClassName="sm:col-span-2" error={errors.title?.message} {...form.register('title')} />
        <TextField
          label="Valor"
          prefix="R$"
          inputMode="decimal"
          error={errors.value?.message}
          {...form.register('value', {
            onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
              const cents = parseMoneyToCents(event.target.value);
              if (cents !== null) form.setValue('value', formatCentsForInput(cents));
            },
          })}
        />
        <TextField label="Previsão de fechamento" type="date" error={errors.expected_close_date?.message} {...form.register('expected_close_date')} />
        <Controller
          control={form.control}
          name="owner_id"
          render={({ field, fieldState }) => <OwnerSelect emptyLabel="Sem responsável" error={fieldState.error?.message} {...field} />}
        />
        <TextField label="Origem" error={errors.source?.message} {...form.register('source')} />
      </div>
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
            Excluir oportunidade
          </Button>
          <Link
            to={paths.app.crm.newProposal.getHref({ customerId: opportunity.customer_id, opportunityId: opportunity.id })}
            className="inline-flex h-10 items-center justify-center rounded-md px-4 text-sm font-medium text-indigo-800 hover:bg-indigo-50"
          >
            Nova proposta
          </Link>
          {opportunity.ticket_id && canAccess(user.role, 'support') && (
            <Link
              to={paths.app.support.ticket.getHref(opportunity.ticket_id)}
              className="inline-flex h-10 items-center justify-center rounded-md px-4 text-sm font-medium text-indigo-800 hover:bg-indigo-50"
            >
              Ver conversa
            </Link>
          )}
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row">
          <Button variant="secondary" onClick={onClose} disabled={update.isPending}>
            Cancelar
          </Button>
          <Button type="submit" isLoading={update.isPending} disabled={conflict}>
            Salvar
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        title="Excluir oportunidade?"
        confirmLabel="Excluir"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => remove.mutate(opportunity.id, { onSuccess: onClose, onSettled: () => setConfirmDelete(false) })}
      >
        <p>“{opportunity.title}” sai do funil. O histórico do cliente é mantido.</p>
      </ConfirmDialog>
    </form>
  );
}
