import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import { PageSpinner } from '@/components/ui/spinner';
import { useCustomFields } from '@/lib/api/custom-fields';
import type { CustomField, FieldType } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useCreateCustomField, useDeleteCustomField } from '../api/save-custom-field';

import { FIELD_TYPE_LABELS } from './labels';

const TYPES = ['text', 'number', 'date', 'select', 'multiselect'] as const;
const withOptions = (type: FieldType) => type === 'select' || type === 'multiselect';

const optionList = (text: string) =>
  text
    .split('\n')
    .map((option) => option.trim())
    .filter(Boolean);

const schema = z
  .object({
    label: z.string().trim().min(1, 'Informe o rótulo.').max(100, 'Use no máximo 100 caracteres.'),
    key: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Use letras minúsculas, números e _ (até 40), começando por letra.'),
    field_type: z.enum(TYPES),
    options: z.string(),
    required: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (withOptions(values.field_type) && optionList(values.options).length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'Informe ao menos duas opções, uma por linha.' });
    }
  });
type Values = z.infer<typeof schema>;
const FIELDS = ['label', 'key', 'field_type', 'options', 'required'] as const;

/** "Segmento de atuação" → "segmento_de_atuacao". */
export function keyFromLabel(label: string): string {
  const key = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40);
  return key.replace(/_+$/, '');
}

function NewFieldForm({ onDone }: { onDone: () => void }) {
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { label: '', key: '', field_type: 'text', options: '', required: false },
  });
  const { errors } = form.formState;
  const type = useWatch({ control: form.control, name: 'field_type' });
  const create = useCreateCustomField();
  const [keyEdited, setKeyEdited] = useState(false);

  return (
    <form
      noValidate
      aria-label="Novo campo personalizado"
      className="space-y-4 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200"
      onSubmit={form.handleSubmit((values) =>
        create.mutate(
          {
            label: values.label.trim(),
            key: values.key,
            field_type: values.field_type,
            options: withOptions(values.field_type) ? optionList(values.options) : [],
            required: values.required,
          },
          { onSuccess: onDone, onError: (error) => applyFieldErrors(error, form.setError, FIELDS) },
        ),
      )}
    >
      <FormErrors message={create.error ? problemMessage(create.error) : null} extra={unmatchedFieldErrors(create.error, FIELDS)} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Rótulo"
          required
          autoFocus
          placeholder="Segmento"
          error={errors.label?.message}
          {...form.register('label', {
            onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
              if (!keyEdited) form.setValue('key', keyFromLabel(event.target.value));
            },
          })}
        />
        <TextField
          label="Chave"
          required
          hint="Usada na API e na exportação."
          error={errors.key?.message}
          {...form.register('key', { onChange: () => setKeyEdited(true) })}
        />
        <SelectField label="Tipo" error={errors.field_type?.message} {...form.register('field_type')}>
          {TYPES.map((value) => (
            <option key={value} value={value}>
              {FIELD_TYPE_LABELS[value]}
            </option>
          ))}
        </SelectField>
        {withOptions(type) && (
          <TextAreaField
            label="Opções"
            hint="Uma por linha."
            rows={4}
            wrapperClassName="sm:col-span-3"
            error={errors.options?.message}
            {...form.register('options')}
          />
        )}
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" className="size-4" {...form.register('required')} />
          Obrigatório
        </label>
      </div>
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onDone} disabled={create.isPending}>
          Cancelar
        </Button>
        <Button type="submit" isLoading={create.isPending}>
          Criar campo
        </Button>
      </div>
    </form>
  );
}

export function CustomFieldsSettings() {
  const fields = useCustomFields();
  const remove = useDeleteCustomField();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<CustomField | null>(null);

  return (
    <section aria-labelledby="custom-fields-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="custom-fields-title" className="text-base font-semibold text-slate-900">
            Campos personalizados
          </h2>
          <p className="mt-1 text-sm text-slate-600">Informações a mais que sua empresa guarda de cada cliente.</p>
        </div>
        {!adding && (
          <Button size="sm" onClick={() => setAdding(true)}>
            Novo campo
          </Button>
        )}
      </div>
      {adding && <NewFieldForm onDone={() => setAdding(false)} />}
      <div aria-live="assertive">{remove.isError && <Alert>{problemMessage(remove.error)}</Alert>}</div>
      {fields.isPending ? (
        <PageSpinner />
      ) : fields.isError ? (
        <Alert title="Não foi possível carregar os campos">{problemMessage(fields.error)}</Alert>
      ) : fields.data.length === 0 ? (
        <p className="text-sm text-slate-600">Nenhum campo personalizado ainda.</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full min-w-[36rem] text-left text-sm">
            <caption className="sr-only">Campos personalizados</caption>
            <thead className="bg-slate-50 text-xs tracking-wide text-slate-500 uppercase">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Rótulo
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Chave
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Tipo
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Obrigatório
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Ações</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {fields.data.map((field) => (
                <tr key={field.id}>
                  <td className="px-3 py-2 font-medium text-slate-900">{field.label}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-700">{field.key}</td>
                  <td className="px-3 py-2 text-slate-700">
                    {FIELD_TYPE_LABELS[field.field_type]}
                    {field.options.length > 0 && <span className="block text-xs text-slate-500">{field.options.join(', ')}</span>}
                  </td>
                  <td className="px-3 py-2 text-slate-700">{field.required ? 'Sim' : 'Não'}</td>
                  <td className="px-3 py-2 text-right">
                    <Button size="sm" variant="ghost" aria-label={`Excluir o campo ${field.label}`} onClick={() => setRemoving(field)}>
                      Excluir
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={`Excluir o campo ${removing?.label ?? ''}?`}
        confirmLabel="Excluir campo"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSettled: () => setRemoving(null) })}
      >
        <p>O campo some do formulário de clientes. Valores já preenchidos deixam de ser exibidos.</p>
      </ConfirmDialog>
    </section>
  );
}
