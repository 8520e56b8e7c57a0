import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';

import { Alert, FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/fields';
import type { AiSettings, AiSettingsInput, LlmProviderKind } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { formatNumber, parseInteger } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useSaveAiSettings } from '../api/ai';

import { LLM_DEFAULT_MODELS, LLM_PROVIDER_LABELS } from './labels';

/** The server's bounds (support::triage::http::put_ai_settings). */
const MAX_TOKEN_BUDGET = 100_000_000;

type Values = {
  /** "" is "Desligada": offline triage only. */
  provider: '' | LlmProviderKind;
  model: string;
  base_url: string;
  /** Only what the user typed now; the stored key never comes back. */
  api_key: string;
  /** "Remover chave" was pressed: the save sends `api_key: ""`. */
  remove_key: boolean;
  mask_personal_data: boolean;
  /** As typed, with pt-BR thousands separators ("500.000"). */
  monthly_token_budget: string;
  enabled: boolean;
};
const FIELDS = ['provider', 'model', 'base_url', 'api_key', 'mask_personal_data', 'monthly_token_budget', 'enabled'] as const;

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Checks only what is sent: with "Desligada" the other fields are hidden and
 * ignored. The key rules mirror the server's (a key, or an own server that
 * needs none), plus one it cannot know: a key saved for one provider must not
 * be sent to another.
 */
function schemaFor(settings: AiSettings) {
  return z
    .object({
      provider: z.enum(['', 'openai', 'anthropic']),
      model: z.string(),
      base_url: z.string(),
      api_key: z.string(),
      remove_key: z.boolean(),
      mask_personal_data: z.boolean(),
      monthly_token_budget: z.string(),
      enabled: z.boolean(),
    })
    .superRefine((values, ctx) => {
      const provider = values.provider;
      if (provider === '') return;
      const issue = (path: keyof Values, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (values.model.trim().length > 100) issue('model', 'Modelo com até 100 caracteres.');
      const baseUrl = values.base_url.trim();
      if (baseUrl !== '') {
        if (baseUrl.length > 500 || !isHttpUrl(baseUrl)) issue('base_url', 'Informe um endereço http:// ou https://.');
        // The clients add /v1/… themselves; a base ending in /v1 would call /v1/v1/….
        else if (/\/v1\/?$/.test(baseUrl)) issue('base_url', 'Sem o /v1 no fim: o ConectCRM acrescenta o caminho da API.');
      }
      const key = values.api_key.trim();
      if (key.length > 300 || /\s/.test(key)) issue('api_key', 'Cole a chave completa, sem espaços.');
      if (key === '') {
        const keepsKey = settings.has_api_key && !values.remove_key;
        if (keepsKey && settings.provider && settings.provider !== provider) {
          issue('api_key', `A chave salva é da ${LLM_PROVIDER_LABELS[settings.provider]}: informe a chave da ${LLM_PROVIDER_LABELS[provider]}.`);
        } else if (!keepsKey && baseUrl === '') {
          issue('api_key', 'Informe a chave da API do provedor.');
        }
      }
      const budget = parseInteger(values.monthly_token_budget);
      if (budget === null || budget > MAX_TOKEN_BUDGET) issue('monthly_token_budget', 'De 0 a 100.000.000 tokens por mês.');
    });
}

function toValues(settings: AiSettings): Values {
  return {
    provider: settings.provider ?? '',
    model: settings.model,
    base_url: settings.base_url ?? '',
    api_key: '',
    remove_key: false,
    mask_personal_data: settings.mask_personal_data,
    monthly_token_budget: formatNumber(settings.monthly_token_budget),
    // A company choosing its first provider means to use it (the server's default too).
    enabled: settings.provider ? settings.enabled : true,
  };
}

/** Call on values that passed the schema. `api_key` is sent only when typed, or as "" to remove the stored one. */
export function toAiSettingsInput(values: Values): AiSettingsInput {
  if (values.provider === '') return { provider: null };
  const key = values.api_key.trim();
  return {
    provider: values.provider,
    model: values.model.trim(),
    base_url: values.base_url.trim() || null,
    mask_personal_data: values.mask_personal_data,
    monthly_token_budget: parseInteger(values.monthly_token_budget) ?? 0,
    enabled: values.enabled,
    ...(key !== '' ? { api_key: key } : values.remove_key ? { api_key: '' } : {}),
  };
}

/** What is saved now, in one line. */
function statusLine(settings: AiSettings): string {
  if (!settings.provider) return 'Desligada: só a triagem offline.';
  const model = settings.model || LLM_DEFAULT_MODELS[settings.provider];
  const name = `${LLM_PROVIDER_LABELS[settings.provider]} (${model})`;
  return settings.enabled ? `Ligada: ${name}.` : `Pausada: ${name} configurada, nada é enviado.`;
}

/** Configurações → IA: the company's LLM for triage, its key, what it may read and how much it may spend. */
export function AiSettingsForm({ settings }: { settings: AiSettings }) {
  const values = useMemo(() => toValues(settings), [settings]);
  const schema = useMemo(() => schemaFor(settings), [settings]);
  const form = useForm<Values>({ resolver: zodResolver(schema), values, resetOptions: { keepDirtyValues: true } });
  const { errors, isDirty } = form.formState;
  const save = useSaveAiSettings();
  const provider = useWatch({ control: form.control, name: 'provider' });
  const removeKey = useWatch({ control: form.control, name: 'remove_key' });
  const budget = form.register('monthly_token_budget');

  const keyHint = !settings.has_api_key
    ? 'Fica cifrada no servidor; depois de salva, só os 4 últimos caracteres aparecem.'
    : removeKey
      ? `A chave terminando em ••••${settings.api_key_hint ?? ''} será removida ao salvar.`
      : `Chave salva terminando em ••••${settings.api_key_hint ?? ''}. Deixe em branco para mantê-la.`;

  return (
    <form
      noValidate
      aria-label="Configurações de IA"
      className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6"
      onSubmit={form.handleSubmit((submitted) =>
        save.mutate(toAiSettingsInput(submitted), {
          // The typed key is gone from the form; the hint shows what was kept.
          onSuccess: (saved) => form.reset(toValues(saved), { keepDirtyValues: false }),
          onError: (error) => applyFieldErrors(error, form.setError, FIELDS),
        }),
      )}
    >
      <div className="space-y-1">
        <h2 className="text-base font-semibold text-slate-900">Provedor de IA</h2>
        <p className="text-sm text-slate-600">
          O roteamento nunca espera a IA: a triagem offline decide primeiro e o ticket segue na hora. Com um provedor ligado, a IA lê a primeira
          mensagem em segundo plano e pode refinar a categoria e a prioridade de um ticket que ninguém assumiu ainda.
        </p>
        <p className="text-sm font-medium text-slate-800">{statusLine(settings)}</p>
      </div>

      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />

      <SelectField label="Provedor" error={errors.provider?.message} wrapperClassName="max-w-sm" {...form.register('provider')}>
        <option value="">Desligada — só triagem offline</option>
        <option value="openai">{LLM_PROVIDER_LABELS.openai}</option>
        <option value="anthropic">{LLM_PROVIDER_LABELS.anthropic}</option>
      </SelectField>

      {provider === '' ? (
        settings.provider && (
          <Alert tone="warning">Ao salvar, a IA é desligada e a chave salva é apagada. A triagem offline continua em todos os tickets.</Alert>
        )
      ) : (
        <>
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" role="switch" className="size-4" {...form.register('enabled')} />
            Usar a IA na triagem
          </label>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Modelo"
              placeholder={LLM_DEFAULT_MODELS[provider]}
              autoComplete="off"
              spellCheck={false}
              hint={`Vazio: ${LLM_DEFAULT_MODELS[provider]}.`}
              error={errors.model?.message}
              {...form.register('model')}
            />
            <TextField
              label={provider === 'openai' ? 'Servidor compatível com OpenAI (opcional)' : 'Servidor da API da Anthropic (opcional)'}
              placeholder="http://ollama.interno:11434"
              inputMode="url"
              autoComplete="off"
              spellCheck={false}
              hint="Só para um servidor próprio (um Ollama, por exemplo), e só se o operador do ConectCRM liberou o endereço; os outros são recusados."
              error={errors.base_url?.message}
              {...form.register('base_url')}
            />
          </div>
          <div className="space-y-2">
            <TextField
              label="Chave da API"
              type="password"
              wrapperClassName="max-w-xl"
              // Chrome ignores "off" on a password field and would offer the user's own login password.
              autoComplete="new-password"
              spellCheck={false}
              hint={keyHint}
              error={errors.api_key?.message}
              {...form.register('api_key')}
            />
            {settings.has_api_key && (
              <Button size="sm" variant="secondary" onClick={() => form.setValue('remove_key', !removeKey, { shouldDirty: true })}>
                {removeKey ? 'Manter chave' : 'Remover chave'}
              </Button>
            )}
          </div>
          <div className="space-y-1">
            <label className="flex items-start gap-2 text-sm font-medium text-slate-800">
              <input type="checkbox" className="mt-0.5 size-4" {...form.register('mask_personal_data')} />
              Mascarar dados pessoais (CPF, cartão, e-mail, telefone, PIX) antes de enviar
            </label>
            <p className="pl-6 text-xs text-slate-500">O provedor recebe marcadores no lugar desses dados; a categoria e a prioridade raramente dependem deles.</p>
          </div>
          <TextField
            label="Limite mensal de tokens"
            inputMode="numeric"
            wrapperClassName="max-w-sm"
            hint="De 0 a 100.000.000. Atingido o limite, a triagem offline segue sozinha até o mês seguinte."
            error={errors.monthly_token_budget?.message}
            {...budget}
            onBlur={(event) => {
              void budget.onBlur(event);
              // "1500000" reads as "1.500.000" once the user leaves the field.
              const typed = parseInteger(event.target.value);
              if (typed !== null) form.setValue('monthly_token_budget', formatNumber(typed), { shouldDirty: true });
            }}
          />
        </>
      )}

      <div className="flex flex-col items-stretch gap-3 sm:flex-row sm:items-center sm:justify-end">
        <div aria-live="polite">{save.isSuccess && !isDirty && <Alert tone="success">Configurações de IA salvas.</Alert>}</div>
        <Button type="submit" isLoading={save.isPending} disabled={!isDirty && !save.isError}>
          Salvar
        </Button>
      </div>
    </form>
  );
}
