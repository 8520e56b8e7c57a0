import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { Controller, get, useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { Link } from 'react-router';

import { OwnerSelect } from '@/components/owner-select';
import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import { paths } from '@/config/paths';
import { useCustomFields } from '@/lib/api/custom-fields';
import type { Customer, CustomerDetail, CustomerKind, CustomField, DuplicateHint } from '@/lib/api/models';
import { formatCep } from '@/lib/br/cep';
import { isValidCnpj } from '@/lib/br/cnpj';
import { isValidCpf } from '@/lib/br/cpf';
import { formatPhone, isValidPhone, toE164Phone } from '@/lib/br/phone';
import { BRAZILIAN_STATES } from '@/lib/br/states';
import { useAddressCepLookup } from '@/lib/br/use-cep-lookup';
import { cn } from '@/lib/cn';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { isApiError, problemMessage } from '@/lib/problem';

import { useCreateCustomer } from '../api/create-customer';
import { useDuplicateCheck } from '../api/find-duplicates';
import { customerQueryOptions } from '../api/get-customer';
import { useUpdateCustomer } from '../api/update-customer';

import {
  CUSTOMER_FORM_FIELDS,
  customerFormSchema,
  emptyCustomerValues,
  formatDocumentInput,
  normalizeDocument,
  serverPathToFormPath,
  toCreateRequest,
  toFormValues,
  toUpdateRequest,
  type CustomerFormValues,
} from './customer-form-schema';
import { CUSTOMER_STATUS_LABELS } from './labels';

export type CustomerSaved = { customer: Customer; duplicates: DuplicateHint[] };

type CustomerFormProps = {
  /** Edit this customer; without it the form creates one. */
  customer?: CustomerDetail;
  defaultOwnerId?: string;
  onSaved: (result: CustomerSaved) => void;
  onCancel?: () => void;
};

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="sr-only">{title}</legend>
      <h2 aria-hidden="true" className="mb-4 text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </fieldset>
  );
}

const DUPLICATE_NOUN: Record<string, string> = {
  document: 'documento',
  emails: 'e-mail',
  phones: 'telefone',
};

/** "Este CPF já pertence a Maria (link)." — the save still works. */
export function DuplicateWarning({ hints, noun }: { hints: DuplicateHint[]; noun: string }) {
  if (hints.length === 0) return null;
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900">
      Este {noun} já pertence a{' '}
      {hints.map((hint, index) => (
        <span key={hint.customer_id}>
          {index > 0 && (index === hints.length - 1 ? ' e ' : ', ')}
          <Link to={paths.app.crm.customer.getHref(hint.customer_id)} className="font-semibold underline" target="_blank">
            {hint.name}
          </Link>
        </span>
      ))}
      . Você pode salvar assim mesmo e unir os cadastros depois.
    </div>
  );
}

export function CustomerForm(props: CustomerFormProps) {
  const fields = useCustomFields();
  if (fields.isPending) return <PageSpinner label="Carregando formulário…" />;
  if (fields.isError) {
    return <Alert title="Não foi possível carregar os campos personalizados">{problemMessage(fields.error)}</Alert>;
  }
  return <CustomerFormInner {...props} fields={fields.data} />;
}

function CustomerFormInner({
  customer,
  defaultOwnerId = '',
  onSaved,
  onCancel,
  fields,
}: CustomerFormProps & { fields: CustomField[] }) {
  const editing = Boolean(customer);
  const schema = useMemo(() => customerFormSchema(fields), [fields]);
  const form = useForm<CustomerFormValues>({
    resolver: zodResolver(schema),
    defaultValues: customer ? toFormValues(customer, fields) : emptyCustomerValues(fields, defaultOwnerId),
    mode: 'onTouched',
  });
  const { errors } = form.formState;
  const cep = useAddressCepLookup(form);
  const emails = useFieldArray({ control: form.control, name: 'emails' });
  const phones = useFieldArray({ control: form.control, name: 'phones' });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const mutation = editing ? update : create;
  const queryClient = useQueryClient();
  const checkDuplicates = useDuplicateCheck();

  // The version this edit started from: it goes in If-Match, so a save over
  // someone else's change is refused (409) instead of silently undoing it.
  const [baseVersion, setBaseVersion] = useState(customer?.version ?? 0);
  const [reloading, setReloading] = useState(false);
  const [duplicates, setDuplicates] = useState<Record<string, DuplicateHint[]>>({});
  const changedElsewhere = editing && customer !== undefined && customer.version > baseVersion;
  const conflict = editing && isApiError(update.error) && update.error.status === 409;

  const errorOf = (path: string): string | undefined => (get(errors, path) as { message?: string } | undefined)?.message;

  async function reload() {
    if (!customer) return;
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({ ...customerQueryOptions(customer.id), staleTime: 0 });
      form.reset(toFormValues(fresh, fields));
      setBaseVersion(fresh.version);
      setDuplicates({});
      update.reset();
    } finally {
      setReloading(false);
    }
  }

  async function warnDuplicates(path: string, query: { document?: string; email?: string; phone?: string }) {
    const hints = await checkDuplicates({ ...query, exclude: customer?.id });
    setDuplicates((current) => ({ ...current, [path]: hints }));
  }

  const onDocumentBlur = (value: string) => {
    const valid = kind === 'person' ? isValidCpf(value) : isValidCnpj(value);
    if (valid) void warnDuplicates('document', { document: normalizeDocument(kind, value) });
    else setDuplicates((current) => ({ ...current, document: [] }));
  };

  const switchKind = (next: CustomerKind) => {
    form.setValue('kind', next, { shouldDirty: true });
    form.setValue('document', formatDocumentInput(next, form.getValues('document')));
    form.clearErrors('document');
    setDuplicates((current) => ({ ...current, document: [] }));
  };

  const submit = form.handleSubmit((values) => {
    const rename = serverPathToFormPath(values);
    const onError = (error: unknown) => applyFieldErrors(error, form.setError, CUSTOMER_FORM_FIELDS, rename);
    if (customer) {
      update.mutate(
        { id: customer.id, version: baseVersion, input: toUpdateRequest(values, fields) },
        {
          onSuccess: (saved) => {
            setBaseVersion(saved.version);
            onSaved({ customer: saved, duplicates: [] });
          },
          onError,
        },
      );
    } else {
      create.mutate(toCreateRequest(values, fields), {
        onSuccess: ({ duplicates: found, ...saved }) => onSaved({ customer: saved, duplicates: found }),
        onError,
      });
    }
  });

  const person = kind === 'person';
  const documentLabel = person ? 'CPF' : 'CNPJ';
  const rename = serverPathToFormPath(form.getValues());

  return (
    <form noValidate className="space-y-6" onSubmit={submit}>
      {(conflict || changedElsewhere) && (
        <div role="alert" className="flex flex-col gap-3 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="font-semibold">Alterado por outra pessoa</p>
            <p>
              {conflict
                ? 'Alguém salvou este cliente depois que você abriu a edição; suas alterações não foram gravadas.'
                : 'Alguém salvou este cliente enquanto você editava.'}{' '}
              Recarregue para ver a versão atual (o que você digitou aqui será descartado).
            </p>
          </div>
          <Button variant="secondary" onClick={() => void reload()} isLoading={reloading}>
            Recarregar
          </Button>
        </div>
      )}

      <FormErrors
        message={mutation.error && !conflict ? problemMessage(mutation.error) : null}
        extra={conflict ? [] : unmatchedFieldErrors(mutation.error, CUSTOMER_FORM_FIELDS, rename)}
      />

      <Section title="Identificação">
        <fieldset className="mb-4">
          <legend className="mb-2 text-sm font-medium text-slate-800">Tipo de cliente</legend>
          <div className="inline-flex rounded-md ring-1 ring-slate-300" role="radiogroup" aria-label="Tipo de cliente">
            {(['person', 'company'] as const).map((option) => (
              <label
                key={option}
                className={cn(
                  'cursor-pointer px-4 py-2 text-sm font-medium first:rounded-l-md last:rounded-r-md has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                  kind === option ? 'bg-indigo-700 text-white' : 'bg-white text-slate-700 hover:bg-slate-50',
                )}
              >
                <input
                  type="radio"
                  className="sr-only"
                  name="customer-kind"
                  value={option}
                  checked={kind === option}
                  onChange={() => switchKind(option)}
                />
                {option === 'person' ? 'Pessoa física' : 'Pessoa jurídica'}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={person ? 'Nome completo' : 'Razão social'}
            required
            autoComplete="off"
            error={errors.name?.message}
            {...form.register('name')}
          />
          {!person && <TextField label="Nome fantasia" error={errors.trade_name?.message} {...form.register('trade_name')} />}
          <div className="space-y-2">
            <TextField
              label={documentLabel}
              inputMode={person ? 'numeric' : 'text'}
              autoCapitalize="characters"
              placeholder={person ? '000.000.000-00' : '00.000.000/0000-00'}
              hint={person ? undefined : 'Aceita o CNPJ numérico e o alfanumérico.'}
              maxLength={person ? 14 : 18}
              error={errors.document?.message}
              {...form.register('document', {
                onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
                  form.setValue('document', formatDocumentInput(kind, event.target.value)),
                onBlur: (event: React.FocusEvent<HTMLInputElement>) => onDocumentBlur(event.target.value),
              })}
            />
            <DuplicateWarning hints={duplicates.document ?? []} noun={documentLabel} />
          </div>
        </div>
      </Section>

      <Section title="Contato">
        <div className="grid gap-6 sm:grid-cols-2">
          <div className="space-y-3">
            {emails.fields.map((row, index) => {
              const path = `emails.${index}.value` as const;
              return (
                <div key={row.id} className="space-y-2">
                  <div className="flex items-end gap-2">
                    <TextField
                      label={index === 0 ? 'E-mail' : `E-mail ${index + 1}`}
                      type="email"
                      autoComplete="off"
                      wrapperClassName="flex-1"
                      error={errorOf(path)}
                      {...form.register(path, {
                        onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
                          const value = event.target.value.trim();
                          if (value.includes('@')) void warnDuplicates(path, { email: value });
                          else setDuplicates((current) => ({ ...current, [path]: [] }));
                        },
                      })}
                    />
                    {emails.fields.length > 1 && (
                      <Button variant="ghost" aria-label={`Remover e-mail ${index + 1}`} onClick={() => emails.remove(index)}>
                        ✕
                      </Button>
                    )}
                  </div>
                  <DuplicateWarning hints={duplicates[path] ?? []} noun={DUPLICATE_NOUN.emails} />
                </div>
              );
            })}
            <Button variant="secondary" size="sm" onClick={() => emails.append({ value: '' })}>
              + Adicionar e-mail
            </Button>
          </div>
          <div className="space-y-3">
            {phones.fields.map((row, index) => {
              const path = `phones.${index}.value` as const;
              return (
                <div key={row.id} className="space-y-2">
                  <div className="flex items-end gap-2">
                    <TextField
                      label={index === 0 ? 'Telefone' : `Telefone ${index + 1}`}
                      type="tel"
                      inputMode="tel"
                      placeholder="(11) 98765-4321"
                      maxLength={15}
                      wrapperClassName="flex-1"
                      error={errorOf(path)}
                      {...form.register(path, {
                        onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
                          form.setValue(path, formatPhone(event.target.value)),
                        onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
                          const value = event.target.value;
                          if (isValidPhone(value)) void warnDuplicates(path, { phone: toE164Phone(value) });
                          else setDuplicates((current) => ({ ...current, [path]: [] }));
                        },
                      })}
                    />
                    {phones.fields.length > 1 && (
                      <Button variant="ghost" aria-label={`Remover telefone ${index + 1}`} onClick={() => phones.remove(index)}>
                        ✕
                      </Button>
                    )}
                  </div>
                  <DuplicateWarning hints={duplicates[path] ?? []} noun={DUPLICATE_NOUN.phones} />
                </div>
              );
            })}
            <Button variant="secondary" size="sm" onClick={() => phones.append({ value: '' })}>
              + Adicionar telefone
            </Button>
          </div>
        </div>
      </Section>

      <Section title="Endereço">
        <div className="grid gap-4 sm:grid-cols-6">
          <TextField
            label="CEP"
            inputMode="numeric"
            placeholder="00000-000"
            maxLength={9}
            wrapperClassName="sm:col-span-2"
            error={errors.address?.cep?.message}
            hint={cep.message && <span role="status">{cep.message}</span>}
            {...form.register('address.cep', {
              onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
                form.setValue('address.cep', formatCep(event.target.value));
                cep.lookup(event.target.value);
              },
            })}
          />
          <TextField
            label="Logradouro"
            wrapperClassName="sm:col-span-4"
            error={errors.address?.street?.message}
            {...form.register('address.street')}
          />
          <TextField
            label="Número"
            wrapperClassName="sm:col-span-2"
            error={errors.address?.number?.message}
            {...form.register('address.number')}
          />
          <TextField
            label="Complemento"
            wrapperClassName="sm:col-span-4"
            error={errors.address?.complement?.message}
            {...form.register('address.complement')}
          />
          <TextField
            label="Bairro"
            wrapperClassName="sm:col-span-2"
            error={errors.address?.district?.message}
            {...form.register('address.district')}
          />
          <TextField
            label="Cidade"
            wrapperClassName="sm:col-span-2"
            error={errors.address?.city?.message}
            {...form.register('address.city')}
          />
          <SelectField
            label="Estado"
            wrapperClassName="sm:col-span-2"
            error={errors.address?.state?.message}
            {...form.register('address.state')}
          >
            <option value="">Selecione</option>
            {BRAZILIAN_STATES.map(([code, name]) => (
              <option key={code} value={code}>
                {code} — {name}
              </option>
            ))}
          </SelectField>
        </div>
      </Section>

      <Section title="Classificação">
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Situação" error={errors.status?.message} {...form.register('status')}>
            {(['lead', 'active', 'inactive'] as const).map((status) => (
              <option key={status} value={status}>
                {CUSTOMER_STATUS_LABELS[status]}
              </option>
            ))}
          </SelectField>
          <Controller
            control={form.control}
            name="owner_id"
            render={({ field, fieldState }) => (
              <OwnerSelect emptyLabel="Sem responsável" error={fieldState.error?.message} {...field} />
            )}
          />
          <TextField
            label="Etiquetas"
            hint="Separe por vírgulas: vip, varejo"
            error={errors.tags?.message}
            {...form.register('tags')}
          />
        </div>
      </Section>

      {fields.length > 0 && (
        <Section title="Campos personalizados">
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((field) => (
              <CustomFieldInput key={field.id} field={field} form={form} error={errorOf(`custom_fields.${field.key}`)} />
            ))}
          </div>
        </Section>
      )}

      <Section title="Observações">
        <TextAreaField label="Observações" rows={4} error={errors.notes?.message} {...form.register('notes')} />
      </Section>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel && (
          <Button variant="secondary" onClick={onCancel} disabled={mutation.isPending}>
            Cancelar
          </Button>
        )}
        <Button type="submit" isLoading={mutation.isPending} disabled={conflict}>
          {editing ? 'Salvar alterações' : 'Salvar cliente'}
        </Button>
      </div>
    </form>
  );
}

type FormApi = ReturnType<typeof useForm<CustomerFormValues>>;

function CustomFieldInput({ field, form, error }: { field: CustomField; form: FormApi; error?: string }) {
  const name = `custom_fields.${field.key}` as FieldPath<CustomerFormValues>;
  switch (field.field_type) {
    case 'select':
      return (
        <SelectField label={field.label} required={field.required} error={error} {...form.register(name)}>
          <option value="">Selecione</option>
          {field.options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </SelectField>
      );
    case 'multiselect':
      return (
        <fieldset className="space-y-1" aria-invalid={error ? true : undefined}>
          <legend className="text-sm font-medium text-slate-800">
            {field.label}
            {field.required && (
              <span aria-hidden="true" className="text-red-700">
                {' '}
                *
              </span>
            )}
          </legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1">
            {field.options.map((option) => (
              <label key={option} className="inline-flex items-center gap-2 text-sm text-slate-700">
                <input type="checkbox" className="size-4" value={option} {...form.register(name)} />
                {option}
              </label>
            ))}
          </div>
          {error && <p className="text-xs font-medium text-red-700">{error}</p>}
        </fieldset>
      );
    case 'date':
      return <TextField label={field.label} type="date" required={field.required} error={error} {...form.register(name)} />;
    case 'number':
      return <TextField label={field.label} inputMode="decimal" required={field.required} error={error} {...form.register(name)} />;
    default:
      return <TextField label={field.label} required={field.required} error={error} {...form.register(name)} />;
  }
}
