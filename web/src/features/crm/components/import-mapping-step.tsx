import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/fields';
import type { CustomerImport, UploadedImport } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatNumber } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useStartCustomerImport } from '../api/start-customer-import';
import {
  delimiterLabel,
  encodingLabel,
  importFieldLabel,
  initialMapping,
  mappingForRequest,
  repeatedColumns,
} from '../utils/customer-import';

const schema = z
  .object({
    mapping: z.record(z.string(), z.string()),
    skip_invalid: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (!values.mapping.name) {
      ctx.addIssue({ code: 'custom', path: ['mapping', 'name'], message: 'Escolha a coluna com o nome do cliente.' });
    }
  });

type Values = z.infer<typeof schema>;

const FORM_FIELDS = ['mapping', 'skip_invalid'] as const;

/** What an earlier attempt with the same file chose. */
export type ImportChoices = { mapping: Record<string, string>; skipInvalid: boolean };

type ImportMappingStepProps = {
  uploaded: UploadedImport;
  previous: ImportChoices | null;
  onBack: () => void;
  onStarted: (started: CustomerImport) => void;
};

/** Step 2: what was detected, the first rows, and which column feeds each customer field. */
export function ImportMappingStep({ uploaded, previous, onBack, onStarted }: ImportMappingStepProps) {
  const [initial] = useState(() =>
    initialMapping({
      fields: uploaded.fields,
      columns: uploaded.columns,
      suggested: uploaded.suggested_mapping,
      previous: previous?.mapping,
    }),
  );
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { mapping: initial, skip_invalid: previous?.skipInvalid ?? false },
  });
  const { errors } = form.formState;
  const mapping = useWatch({ control: form.control, name: 'mapping' });
  const start = useStartCustomerImport();
  const repeated = repeatedColumns(mapping ?? {});
  const firstRow = uploaded.preview[0] ?? [];
  const sample = (column: string) => {
    const index = uploaded.columns.indexOf(column);
    const value = index >= 0 ? firstRow[index]?.trim() : '';
    return value ? `Ex.: ${value.length > 40 ? `${value.slice(0, 40)}…` : value}` : undefined;
  };

  const submit = form.handleSubmit((values) =>
    start.mutate(
      { id: uploaded.id, mapping: mappingForRequest(values.mapping), skip_invalid: values.skip_invalid },
      {
        onSuccess: onStarted,
        onError: (error) => applyFieldErrors(error, form.setError, FORM_FIELDS),
      },
    ),
  );

  const rows = uploaded.total_rows;
  return (
    <form noValidate onSubmit={submit} className="space-y-6">
      <section aria-labelledby="import-detected-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="import-detected-title" className="text-base font-semibold text-slate-900">
          O que encontramos no arquivo
        </h2>
        <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="font-medium text-slate-800">Arquivo</dt>
            <dd className="break-all text-slate-700">{uploaded.filename}</dd>
          </div>
          <div>
            <dt className="font-medium text-slate-800">Codificação</dt>
            <dd className="text-slate-700" data-testid="import-encoding">
              {encodingLabel(uploaded.encoding)}
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-800">Separador</dt>
            <dd className="text-slate-700" data-testid="import-delimiter">
              {delimiterLabel(uploaded.delimiter)}
            </dd>
          </div>
          <div>
            <dt className="font-medium text-slate-800">Linhas de clientes</dt>
            <dd className="text-slate-700">{formatNumber(rows)}</dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-slate-600">
          Se os acentos aparecem trocados abaixo (como “JosÃ©”), salve o arquivo de novo em UTF-8 e envie outra vez.
        </p>
        <div className="relative mt-4 overflow-x-auto rounded-md ring-1 ring-slate-200">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Primeiras linhas do arquivo</caption>
            <thead className="bg-slate-50 text-xs text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Linha
                </th>
                {uploaded.columns.map((column, index) => (
                  <th key={`${column}-${index}`} scope="col" className="px-3 py-2 font-medium whitespace-nowrap text-slate-700">
                    {column || `(coluna ${index + 1} sem nome)`}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {uploaded.preview.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  <td className="px-3 py-2 text-slate-500 tabular-nums">{rowIndex + 2}</td>
                  {uploaded.columns.map((column, index) => (
                    <td key={`${column}-${index}`} className="max-w-64 truncate px-3 py-2 whitespace-nowrap text-slate-800">
                      {row[index] ?? ''}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows > uploaded.preview.length && (
          <p className="mt-2 text-xs text-slate-500">
            Mostrando as {uploaded.preview.length} primeiras de {formatNumber(rows)} linhas.
          </p>
        )}
      </section>

      <section aria-labelledby="import-mapping-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="import-mapping-title" className="text-base font-semibold text-slate-900">
          Colunas do arquivo → campos do cliente
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Já escolhemos pelos nomes das colunas; confira. Só o nome é obrigatório. Linhas com o mesmo CPF/CNPJ ou e-mail de
          um cliente existente atualizam esse cliente.
        </p>
        <fieldset className="mt-4">
          <legend className="sr-only">Coluna de cada campo</legend>
          <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
            {uploaded.fields.map((field) => (
              <SelectField
                key={field}
                label={importFieldLabel(field)}
                required={field === 'name'}
                hint={mapping?.[field] ? sample(mapping[field]) : undefined}
                error={errors.mapping?.[field]?.message}
                // Also given to React, so the option is selected once the options exist.
                defaultValue={initial[field]}
                {...form.register(`mapping.${field}`)}
              >
                <option value="">Não importar</option>
                {uploaded.columns.map((column, index) =>
                  column ? (
                    <option key={`${column}-${index}`} value={column}>
                      {column}
                    </option>
                  ) : null,
                )}
              </SelectField>
            ))}
          </div>
        </fieldset>
        {repeated.length > 0 && (
          <Alert tone="warning" className="mt-4">
            A coluna {repeated.map((column) => `“${column}”`).join(', ')} está em mais de um campo. Confira se é isso mesmo.
          </Alert>
        )}

        <div className="mt-6 rounded-md bg-slate-50 p-4 ring-1 ring-slate-200">
          <label className="flex items-start gap-3 text-sm font-medium text-slate-900">
            <input
              type="checkbox"
              className="mt-0.5 size-4"
              aria-describedby="import-skip-hint"
              {...form.register('skip_invalid')}
            />
            Importar as linhas válidas e pular as com erro
          </label>
          <p id="import-skip-hint" className="mt-1 pl-7 text-sm text-slate-600">
            Sem marcar, nada é importado se houver qualquer erro: você corrige o arquivo e importa tudo de uma vez. Marcando,
            as linhas com erro ficam de fora e aparecem na lista de erros.
          </p>
        </div>
      </section>

      <div aria-live="assertive">
        {start.isError && (
          <Alert title="Não foi possível iniciar a importação">
            <p>{problemMessage(start.error)}</p>
            {unmatchedFieldErrors(start.error, FORM_FIELDS).map((item) => (
              <p key={item}>{item}</p>
            ))}
          </Alert>
        )}
      </div>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-between">
        <Button variant="secondary" onClick={onBack} disabled={start.isPending}>
          Escolher outro arquivo
        </Button>
        <Button type="submit" isLoading={start.isPending}>
          Importar {formatNumber(rows)} {rows === 1 ? 'linha' : 'linhas'}
        </Button>
      </div>
    </form>
  );
}
