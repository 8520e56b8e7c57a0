import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import { WebhookLog } from '@/components/webhook-log';
import type { ConnectionTest, Gateway, GatewayProvider } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useDeleteGateway, useGateways, useTestGateway } from '../api/gateways';

import { GatewayForm } from './gateway-form';
import { PROVIDER_LABELS } from './labels';

const PROVIDERS: { provider: GatewayProvider; text: string }[] = [
  { provider: 'asaas', text: 'PIX com baixa automática e boleto.' },
  { provider: 'stripe', text: 'Cartão de crédito pelo Stripe Checkout.' },
];

function CopyField({ id, label, value, mono = true }: { id: string; label: string; value: string; mono?: boolean }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(event) => event.target.select()}
          className={cn('block w-full min-w-0 flex-1 rounded-md border border-slate-300 bg-slate-50 px-3 py-1.5 text-xs text-slate-900', mono && 'font-mono')}
        />
        <CopyButton text={value} aria-label={`Copiar ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}

/** Shown once, right after connecting Asaas without a token: the server generated it and keeps only a sealed copy. */
function NewSecretPanel({ gateway, onClose }: { gateway: Gateway; onClose: () => void }) {
  return (
    <section
      aria-labelledby="new-secret-title"
      role="status"
      className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-sm text-amber-950"
    >
      <div className="flex items-start justify-between gap-2">
        <h3 id="new-secret-title" className="text-base font-semibold">
          Copie agora o token do webhook do {PROVIDER_LABELS[gateway.provider]}
        </h3>
        <button type="button" onClick={onClose} aria-label="Fechar aviso do token" className="rounded px-1 hover:bg-amber-100">
          ✕
        </button>
      </div>
      <p>
        <strong>Ele é mostrado só esta vez.</strong> No painel do {PROVIDER_LABELS[gateway.provider]}, em Integrações › Webhooks, crie um
        webhook com a URL abaixo e cole este token no campo &quot;Token de autenticação&quot;. Se perder o token, conecte de novo para gerar
        outro.
      </p>
      {gateway.webhook_secret && <CopyField id="new-webhook-secret" label="Token do webhook" value={gateway.webhook_secret} />}
      <CopyField id="new-webhook-url" label="URL do webhook" value={gateway.webhook_url} />
    </section>
  );
}

function GatewayCard({ gateway }: { gateway: Gateway }) {
  const test = useTestGateway();
  const remove = useDeleteGateway();
  const [result, setResult] = useState<ConnectionTest | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showEvents, setShowEvents] = useState(false);
  const name = PROVIDER_LABELS[gateway.provider];

  return (
    <li className="space-y-4 rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h3 className="text-base font-semibold text-slate-900">
            {name}
            <span
              className={cn(
                'ml-2 rounded-full px-2 py-0.5 align-middle text-xs font-medium',
                gateway.enabled ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700',
              )}
            >
              {gateway.enabled ? 'Ativo' : 'Desativado'}
            </span>
          </h3>
          <p className="text-sm text-slate-600">
            Chave terminada em <span className="font-mono">{gateway.key_hint}</span> · conectado em {formatDateTime(gateway.created_at)}
          </p>
          <p className="text-xs text-slate-500">{gateway.base_url}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            isLoading={test.isPending}
            onClick={() => {
              setResult(null);
              test.mutate(gateway.id, { onSuccess: setResult });
            }}
          >
            Testar conexão
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirmRemove(true)}>
            Remover
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {result && (
          <Alert tone={result.ok ? 'success' : 'error'} title={result.ok ? 'Conexão funcionando' : 'A conexão falhou'}>
            {result.message}
          </Alert>
        )}
        {test.isError && <Alert title="Não foi possível testar">{problemMessage(test.error)}</Alert>}
        {remove.isError && <Alert title="Não foi possível remover">{problemMessage(remove.error)}</Alert>}
      </div>
      <CopyField id={`webhook-url-${gateway.id}`} label="URL do webhook" value={gateway.webhook_url} />
      <div>
        <Button size="sm" variant="ghost" aria-expanded={showEvents} onClick={() => setShowEvents((open) => !open)}>
          {showEvents ? 'Ocultar eventos do webhook' : 'Ver eventos do webhook'}
        </Button>
        {showEvents && (
          <div className="mt-3">
            <WebhookLog source={`gateway:${gateway.id}`} title="Eventos do webhook" caption="Eventos do webhook do gateway" />
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title={`Remover ${name}?`}
        confirmLabel="Remover"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(gateway.id, { onSettled: () => setConfirmRemove(false) })}
      >
        <p>
          A chave é apagada e novas cobranças pelo {name} deixam de ser geradas. Avisos que o {name} mandar para o webhook depois disso não
          serão processados.
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** The company's payment providers: connect, test, see the webhook URL and log, remove. */
export function GatewaysPanel() {
  const gateways = useGateways();
  const [connecting, setConnecting] = useState<GatewayProvider | null>(null);
  const [created, setCreated] = useState<Gateway | null>(null);

  return (
    <section aria-labelledby="gateways-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div>
        <h2 id="gateways-title" className="text-base font-semibold text-slate-900">
          Provedores de pagamento
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Conecte o Asaas (PIX e boleto) e o Stripe (cartão) para gerar cobranças com baixa automática: o provedor avisa o pagamento pelo
          webhook e a fatura fica paga sozinha. As chaves ficam cifradas e nunca são mostradas de novo.
        </p>
      </div>
      {created?.webhook_secret && <NewSecretPanel gateway={created} onClose={() => setCreated(null)} />}
      {created && !created.webhook_secret && (
        <Alert tone="success" title={`${PROVIDER_LABELS[created.provider]} conectado`}>
          Cadastre a URL do webhook abaixo no painel do {PROVIDER_LABELS[created.provider]}.
        </Alert>
      )}
      {gateways.isPending ? (
        <PageSpinner label="Carregando provedores…" />
      ) : gateways.isError ? (
        <Alert title="Não foi possível carregar os provedores">{problemMessage(gateways.error)}</Alert>
      ) : (
        <>
          {gateways.data.length > 0 && (
            <ul aria-label="Provedores conectados" className="space-y-4">
              {gateways.data.map((gateway) => (
                <GatewayCard key={gateway.id} gateway={gateway} />
              ))}
            </ul>
          )}
          <div className="grid gap-3 sm:grid-cols-2">
            {PROVIDERS.map(({ provider, text }) => {
              const existing = gateways.data.some((gateway) => gateway.provider === provider);
              return (
                <div key={provider} className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-4">
                  <p className="text-sm font-medium text-slate-900">{PROVIDER_LABELS[provider]}</p>
                  <p className="text-sm text-slate-600">{text}</p>
                  <Button
                    size="sm"
                    variant={existing ? 'secondary' : 'primary'}
                    className="self-start"
                    onClick={() => {
                      setCreated(null);
                      setConnecting(provider);
                    }}
                  >
                    {existing ? `Trocar chave do ${PROVIDER_LABELS[provider]}` : `Conectar ${PROVIDER_LABELS[provider]}`}
                  </Button>
                </div>
              );
            })}
          </div>
        </>
      )}
      <Dialog
        open={connecting !== null}
        onClose={() => setConnecting(null)}
        title={connecting ? `Conectar ${PROVIDER_LABELS[connecting]}` : ''}
        description={
          connecting === 'stripe'
            ? 'Use a chave secreta da conta Stripe da empresa. Depois de conectar, cadastre a URL do webhook no Stripe (eventos checkout.session.completed, checkout.session.async_payment_succeeded, payment_intent.succeeded e charge.refunded).'
            : 'Use a chave de API da conta Asaas da empresa (Integrações › Chave de API).'
        }
      >
        {connecting && (
          <GatewayForm
            provider={connecting}
            onCancel={() => setConnecting(null)}
            onSaved={(gateway) => {
              setConnecting(null);
              setCreated(gateway);
            }}
          />
        )}
      </Dialog>
    </section>
  );
}
