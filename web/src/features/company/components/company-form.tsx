import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import type { Company } from '@/lib/api/models';
import { formatCep } from '@/lib/br/cep';
import { formatCnpj } from '@/lib/br/cnpj';
import { formatPhone } from '@/lib/br/phone';
import { BRAZILIAN_STATES } from '@/lib/br/states';
import { BRAZILIAN_TIMEZONES } from '@/lib/br/timezones';
import { useAddressCepLookup } from '@/lib/br/use-cep-lookup';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useUpdateCompany } from '../api/update-company';

import {
  COMPANY_FORM_FIELDS,
  companyFormSchema,
  serverPathToFormPath,
  toFormValues,
  toUpdateRequest,
  WEEKDAYS,
  type CompanyFormValues,
} from './company-form-schema';

function Fieldset({ legend, children }: { legend: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="sr-only">{legend}</legend>
      <h2 aria-hidden="true" className="mb-4 text-base font-semibold text-slate-900">
        {legend}
      </h2>
      {children}
    </fieldset>
  );
}

export function CompanyForm({ company }: { company: Company }) {
  const values = useMemo(() => toFormValues(company), [company]);
  const form = useForm<CompanyFormValues>({
    resolver: zodResolver(companyFormSchema),
    values,
    // A change pushed by another user (real-time) updates the fields this user has not touched.
    resetOptions: { keepDirtyValues: true },
    mode: 'onTouched',
  });
  const { errors, isDirty } = form.formState;
  const update = useUpdateCompany();
  const hours = useWatch({ control: form.control, name: 'business_hours' });
  const rename = serverPathToFormPath(form.getValues());

  const masked = (name: 'cnpj' | 'phone' | 'address.cep', format: (value: string) => string) =>
    form.register(name, {
      onChange: (event: React.ChangeEvent<HTMLInputElement>) => form.setValue(name, format(event.target.value)),
    });
  const cep = useAddressCepLookup(form);

  return (
    <form
      noValidate
      className="space-y-6"
      onSubmit={form.handleSubmit((submitted) =>
        update.mutate(toUpdateRequest(submitted), {
          onSuccess: (saved) => form.reset(toFormValues(saved)),
          onError: (error) => applyFieldErrors(error, form.setError, COMPANY_FORM_FIELDS, serverPathToFormPath(submitted)),
        }),
      )}
    >
      <FormErrors
        message={update.error ? problemMessage(update.error) : null}
        extra={unmatchedFieldErrors(update.error, COMPANY_FORM_FIELDS, rename)}
      />

      <Fieldset legend="Dados da empresa">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Razão social" required error={errors.name?.message} {...form.register('name')} />
          <TextField label="Nome fantasia" error={errors.trade_name?.message} {...form.register('trade_name')} />
          <TextField
            label="CNPJ"
            inputMode="text"
            autoCapitalize="characters"
            placeholder="00.000.000/0000-00"
            hint="Aceita o CNPJ numérico e o alfanumérico."
            maxLength={18}
            error={errors.cnpj?.message}
            {...masked('cnpj', formatCnpj)}
          />
        </div>
      </Fieldset>

      <Fieldset legend="Contato">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="E-mail da empresa"
            type="email"
            autoComplete="email"
            error={errors.email?.message}
            {...form.register('email')}
          />
          <TextField
            label="Telefone"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            placeholder="(11) 91234-5678"
            maxLength={15}
            error={errors.phone?.message}
            {...masked('phone', formatPhone)}
          />
        </div>
      </Fieldset>

      <Fieldset legend="Endereço">
        <div className="grid gap-4 sm:grid-cols-6">
          <TextField
            label="CEP"
            inputMode="numeric"
            autoComplete="postal-code"
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
            autoComplete="address-line1"
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
            autoComplete="address-line2"
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
            autoComplete="address-level2"
            wrapperClassName="sm:col-span-2"
            error={errors.address?.city?.message}
            {...form.register('address.city')}
          />
          <SelectField
            label="Estado"
            autoComplete="address-level1"
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
      </Fieldset>

      <Fieldset legend="Fuso horário e horário de atendimento">
        <SelectField label="Fuso horário" required error={errors.timezone?.message} {...form.register('timezone')}>
          {BRAZILIAN_TIMEZONES.map(([zone, label]) => (
            <option key={zone} value={zone}>
              {label}
            </option>
          ))}
        </SelectField>
        <table className="mt-6 w-full text-sm">
          <caption className="mb-2 text-left font-medium text-slate-800">Horário de atendimento</caption>
          <thead className="sr-only">
            <tr>
              <th scope="col">Dia</th>
              <th scope="col">Aberto</th>
              <th scope="col">Horário</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {WEEKDAYS.map((day, index) => {
              const open = hours?.[index]?.open ?? false;
              const dayErrors = errors.business_hours?.[index];
              return (
                <tr key={day}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-800">
                    {day}
                  </th>
                  <td className="py-2 pr-3">
                    <label className="inline-flex items-center gap-2">
                      <input type="checkbox" className="size-4" {...form.register(`business_hours.${index}.open`)} />
                      <span>Aberto</span>
                    </label>
                  </td>
                  <td className="py-2">
                    {open ? (
                      <div className="flex flex-wrap items-center gap-2">
                        <label className="sr-only" htmlFor={`opens-${index}`}>
                          {day}: abre às
                        </label>
                        <input
                          id={`opens-${index}`}
                          type="time"
                          aria-invalid={dayErrors?.opens ? true : undefined}
                          className="rounded-md border border-slate-300 px-2 py-1"
                          {...form.register(`business_hours.${index}.opens`)}
                        />
                        <span aria-hidden="true">às</span>
                        <label className="sr-only" htmlFor={`closes-${index}`}>
                          {day}: fecha às
                        </label>
                        <input
                          id={`closes-${index}`}
                          type="time"
                          aria-invalid={dayErrors?.closes ? true : undefined}
                          className="rounded-md border border-slate-300 px-2 py-1"
                          {...form.register(`business_hours.${index}.closes`)}
                        />
                        {(dayErrors?.opens || dayErrors?.closes) && (
                          <span className="w-full text-xs font-medium text-red-700">
                            {dayErrors?.opens?.message ?? dayErrors?.closes?.message}
                          </span>
                        )}
                      </div>
                    ) : (
                      <span className="text-slate-500">Fechado</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </Fieldset>

      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-end">
        <div aria-live="polite">
          {update.isSuccess && !isDirty && <Alert tone="success">Dados da empresa salvos.</Alert>}
        </div>
        <Button variant="secondary" disabled={!isDirty || update.isPending} onClick={() => form.reset(values)}>
          Descartar alterações
        </Button>
        <Button type="submit" isLoading={update.isPending}>
          Salvar
        </Button>
      </div>
    </form>
  );
}
