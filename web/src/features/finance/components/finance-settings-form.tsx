import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { FinanceSettings, UpdateFinanceSettings } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useUpdateFinanceSettings } from '../api/finance-settings';
import { describeOffset, formatDunningOffsets, parseDunningOffsets } from '../utils/dunning';
import { formatBpForInput, formatBpPercent, MAX_FINE_BP, MAX_INTEREST_BP_MONTH, parsePercentToBp } from '../utils/rates';

const schema = z.object({
  fine: z.string().refine((value) => parsePercentToBp(value, MAX_FINE_BP) !== null, 'A multa vai de 0 a 2% (limite do Código de Defesa do Consumidor).'),
  interest: z.string().refine((value) => parsePercentToBp(value, MAX_INTEREST_BP_MONTH) !== null, 'Os juros de mora vão de 0 a 1% ao mês.'),
  due_in_days: z.string().refine((value) => /^\d{1,2}$/.test(value.trim()) && Number(value) <= 60, 'Prazo de vencimento entre 0 e 60 dias.'),
  pix_key: z.string().max(100, 'Chave longa demais.'),
  merchant_name: z.string().trim().max(25, 'O nome no PIX tem até 25 caracteres.'),
  merchant_city: z.string().trim().max(15, 'A cidade no PIX tem até 15 caracteres.'),
  dunning_offsets: z.string().superRefine((value, ctx) => {
    const parsed = parseDunningOffsets(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
  }),
  dunning_enabled: z.boolean(),
  email_on_issue: z.boolean(),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['fine', 'interest', 'due_in_days', 'pix_key', 'merchant_name', 'merchant_city', 'dunning_offsets', 'dunning_enabled', 'email_on_issue'] as const;
const rename = (path: string) => (path === 'fine_bp' ? 'fine' : path === 'interest_bp_month' ? 'interest' : path);

const PIX_KIND_LABELS: Record<string, string> = {
  cpf: 'CPF',
  cnpj: 'CNPJ',
  email: 'e-mail',
  phone: 'telefone',
  random: 'chave aleatória',
};

function toValues(settings: FinanceSettings): Values {
  return {
    fine: formatBpForInput(settings.fine_bp),
    interest: formatBpForInput(settings.interest_bp_month),
    due_in_days: String(settings.due_in_days),
    pix_key: settings.pix_key ?? '',
    merchant_name: settings.merchant_name ?? '',
    merchant_city: settings.merchant_city ?? '',
    dunning_offsets: formatDunningOffsets(settings.dunning_offsets),
    dunning_enabled: settings.dunning_enabled,
    email_on_issue: settings.email_on_issue,
  };
}

/** Call on values that passed the schema. */
export function toUpdateFinanceSettings(values: Values): UpdateFinanceSettings {
  const offsets = parseDunningOffsets(values.dunning_offsets);
  return {
    fine_bp: parsePercentToBp(values.fine, MAX_FINE_BP) ?? 0,
    interest_bp_month: parsePercentToBp(values.interest, MAX_INTEREST_BP_MONTH) ?? 0,
    due_in_days: Number(values.due_in_days.trim()),
    // "" removes the key.
    pix_key: values.pix_key.trim(),
    merchant_name: values.merchant_name.trim(),
    merchant_city: values.merchant_city.trim(),
    dunning_offsets: offsets.ok ? offsets.offsets : [],
    dunning_enabled: values.dunning_enabled,
    email_on_issue: values.email_on_issue,
  };
}

function Fieldset({ legend, children, description }: { legend: string; description?: string; children: React.ReactNode }) {
  return (
    <fieldset className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <legend className="sr-only">{legend}</legend>
      <h2 aria-hidden="true" className="text-base font-semibold text-slate-900">
        {legend}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600">{description}</p>}
      <div className="mt-4">{children}</div>
    </fieldset>
  );
}

/** Late fees, due dates, the company's PIX key and the reminder schedule. */
export function FinanceSettingsForm({ settings }: { settings: FinanceSettings }) {
  const values = useMemo(() => toValues(settings), [settings]);
  const form = useForm<Values>({ resolver: zodResolver(schema), values, resetOptions: { keepDirtyValues: true }, mode: 'onTouched' });
  const { errors, isDirty } = form.formState;
  const update = useUpdateFinanceSettings();
  const offsetsText = useWatch({ control: form.control, name: 'dunning_offsets' });
  const dunningEnabled = useWatch({ control: form.control, name: 'dunning_enabled' });
  const preview = parseDunningOffsets(offsetsText ?? '');

  return (
    <form
      noValidate
      aria-label="Configurações do financeiro"
      className="space-y-6"
      onSubmit={form.handleSubmit((submitted) =>
        update.mutate(toUpdateFinanceSettings(submitted), {
          // The server normalises (PIX key digits, sorted days): show what it kept.
          onSuccess: (saved) => form.reset(toValues(saved), { keepDirtyValues: false }),
          onError: (error) => applyFieldErrors(error, form.setError, FIELDS, rename),
        }),
      )}
    >
      <FormErrors message={update.error ? problemMessage(update.error) : null} extra={unmatchedFieldErrors(update.error, FIELDS, rename)} />

      <Fieldset
        legend="Multa e juros por atraso"
        description="Aplicados a faturas pagas depois do vencimento, dentro dos limites do Código de Defesa do Consumidor: multa de até 2% e juros de até 1% ao mês, proporcionais aos dias de atraso."
      >
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Multa (%)"
            inputMode="decimal"
            hint={`Máximo ${formatBpPercent(MAX_FINE_BP)}.`}
            error={errors.fine?.message}
            {...form.register('fine')}
          />
          <TextField
            label="Juros ao mês (%)"
            inputMode="decimal"
            hint={`Máximo ${formatBpPercent(MAX_INTEREST_BP_MONTH)}, cobrado por dia.`}
            error={errors.interest?.message}
            {...form.register('interest')}
          />
          <TextField
            label="Prazo de vencimento (dias)"
            inputMode="numeric"
            hint="Entre a emissão e o vencimento das faturas de contratos e assinaturas."
            error={errors.due_in_days?.message}
            {...form.register('due_in_days')}
          />
        </div>
      </Fieldset>

      <Fieldset
        legend="PIX"
        description="Com a chave da empresa, cada fatura ganha um QR code PIX e um código copia e cola com o valor do dia. Esses pagamentos caem direto na sua conta: registre-os na fatura quando conferir o extrato."
      >
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Chave PIX"
            wrapperClassName="sm:col-span-3"
            placeholder="CPF, CNPJ, e-mail, telefone (+55…) ou chave aleatória"
            autoComplete="off"
            hint={
              settings.pix_key
                ? `Cadastrada: ${PIX_KIND_LABELS[settings.pix_key_kind ?? ''] ?? settings.pix_key_kind ?? 'chave'}. Apague para remover.`
                : 'Nenhuma chave cadastrada.'
            }
            error={errors.pix_key?.message}
            {...form.register('pix_key')}
          />
          <TextField
            label="Nome do recebedor"
            maxLength={25}
            wrapperClassName="sm:col-span-2"
            hint="Até 25 caracteres. Vazio: o nome da empresa."
            error={errors.merchant_name?.message}
            {...form.register('merchant_name')}
          />
          <TextField
            label="Cidade"
            maxLength={15}
            hint="Até 15 caracteres. Vazio: a do endereço."
            error={errors.merchant_city?.message}
            {...form.register('merchant_city')}
          />
        </div>
      </Fieldset>

      <Fieldset
        legend="Régua de cobrança"
        description="Lembretes por e-mail ao cliente em dias relativos ao vencimento: números negativos antes, 0 no dia, positivos depois."
      >
        <div className="space-y-4">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" role="switch" className="size-4" {...form.register('email_on_issue')} />
            Enviar cada fatura por e-mail, com o PDF, assim que for emitida
          </label>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" role="switch" className="size-4" {...form.register('dunning_enabled')} />
            Enviar lembretes de cobrança
          </label>
          <TextField
            label="Dias dos lembretes"
            placeholder="-3, 0, 3, 10"
            disabled={!dunningEnabled}
            hint="Separe por vírgulas. Até 10 lembretes, de 30 dias antes a 90 dias depois."
            error={errors.dunning_offsets?.message}
            {...form.register('dunning_offsets')}
          />
          {dunningEnabled && preview.ok && preview.offsets.length > 0 && (
            <ul aria-label="Lembretes" className="list-disc space-y-0.5 pl-5 text-sm text-slate-700">
              {preview.offsets.map((offset) => (
                <li key={offset}>{describeOffset(offset)}</li>
              ))}
            </ul>
          )}
        </div>
      </Fieldset>

      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        <div aria-live="polite">{update.isSuccess && !isDirty && <Alert tone="success">Configurações salvas.</Alert>}</div>
        <Button type="submit" isLoading={update.isPending} disabled={!isDirty && !update.isError}>
          Salvar configurações
        </Button>
      </div>
    </form>
  );
}
