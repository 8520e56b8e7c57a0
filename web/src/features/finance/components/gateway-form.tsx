import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import type { Gateway, GatewayProvider } from '@/lib/api/models';
import { applyFieldErrors, unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { useSaveGateway } from '../api/gateways';

const noSpaces = (value: string) => !/\s/.test(value.trim());

function schemaFor(provider: GatewayProvider) {
  return z.object({
    api_key: z
      .string()
      .trim()
      .min(8, 'Cole a chave de API completa.')
      .max(500, 'Chave longa demais.')
      .refine(noSpaces, 'Cole a chave de API completa, sem espaços.'),
    webhook_secret:
      provider === 'stripe'
        ? z.string().trim().min(8, 'Informe o segredo de assinatura do webhook (whsec_…) do painel do Stripe.').max(300, 'Segredo longo demais.')
        : z
            .string()
            .trim()
            .refine((value) => value === '' || (value.length >= 8 && value.length <= 300), 'O token deve ter de 8 a 300 caracteres.'),
    sandbox: z.boolean(),
  });
}
type Values = { api_key: string; webhook_secret: string; sandbox: boolean };
const FIELDS = ['api_key', 'webhook_secret', 'sandbox'] as const;

type Props = { provider: GatewayProvider; onSaved: (gateway: Gateway) => void; onCancel: () => void };

/** Connects (or replaces) the company's account at Stripe or Asaas. The key is sealed on the server and never shown again. */
export function GatewayForm({ provider, onSaved, onCancel }: Props) {
  const form = useForm<Values>({
    resolver: zodResolver(schemaFor(provider)),
    defaultValues: { api_key: '', webhook_secret: '', sandbox: false },
  });
  const { errors } = form.formState;
  const save = useSaveGateway();
  const stripe = provider === 'stripe';

  return (
    <form
      noValidate
      aria-label={stripe ? 'Conectar Stripe' : 'Conectar Asaas'}
      className="space-y-4"
      onSubmit={form.handleSubmit((values) =>
        save.mutate(
          {
            provider,
            api_key: values.api_key.trim(),
            webhook_secret: values.webhook_secret.trim() || null,
            sandbox: stripe ? false : values.sandbox,
          },
          { onSuccess: onSaved, onError: (error) => applyFieldErrors(error, form.setError, FIELDS) },
        ),
      )}
    >
      <FormErrors message={save.error ? problemMessage(save.error) : null} extra={unmatchedFieldErrors(save.error, FIELDS)} />
      <TextField
        label={stripe ? 'Chave secreta da API (sk_live_… ou sk_test_…)' : 'Chave de API ($aact_…)'}
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        autoFocus
        error={errors.api_key?.message}
        {...form.register('api_key')}
      />
      {stripe ? (
        <TextField
          label="Segredo de assinatura do webhook (whsec_…)"
          type="password"
          autoComplete="off"
          spellCheck={false}
          required
          hint="No painel do Stripe: Desenvolvedores › Webhooks › o endpoint com a URL mostrada após conectar › Segredo de assinatura."
          error={errors.webhook_secret?.message}
          {...form.register('webhook_secret')}
        />
      ) : (
        <>
          <TextField
            label="Token de autenticação do webhook (opcional)"
            type="password"
            autoComplete="off"
            spellCheck={false}
            hint="Vazio: geramos um token seguro e o mostramos uma única vez, para você colar no webhook do Asaas."
            error={errors.webhook_secret?.message}
            {...form.register('webhook_secret')}
          />
          <label className="flex items-center gap-2 text-sm text-slate-800">
            <input type="checkbox" className="size-4" {...form.register('sandbox')} />
            Ambiente de testes (sandbox)
          </label>
        </>
      )}
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          Voltar
        </Button>
        <Button type="submit" isLoading={save.isPending}>
          Conectar
        </Button>
      </div>
    </form>
  );
}
