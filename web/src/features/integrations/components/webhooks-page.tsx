import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import type { WebhookDelivery, WebhookEndpoint, WebhookEndpointWithSecret } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { EVENT_LABELS } from '@/lib/event-labels';
import { formatDateTime } from '@/lib/format';
import { plural } from '@/lib/plural';
import { problemMessage } from '@/lib/problem';

import {
  useCreateWebhook,
  useDeleteWebhook,
  useEnableWebhook,
  useRotateSecret,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
} from '../api/webhooks';

import { DeliveryLog } from './delivery-log';
import { WebhookForm } from './webhook-form';

/** Shown once, after creating an endpoint or rotating its secret: the server keeps only a sealed copy. */
export function NewSecretPanel({ created, onClose }: { created: WebhookEndpointWithSecret; onClose: () => void }) {
  const id = `secret-${created.endpoint.id}`;
  return (
    <section aria-labelledby={`${id}-title`} role="status" className="space-y-3 rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-sm text-amber-950">
      <div className="flex items-start justify-between gap-2">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          Copie agora o segredo de assinatura
        </h3>
        <button type="button" onClick={onClose} aria-label="Fechar aviso do segredo" className="rounded px-1 hover:bg-amber-100">
          ✕
        </button>
      </div>
      <p>
        <strong>Ele é mostrado só esta vez.</strong> Guarde-o no sistema que recebe os eventos ({created.endpoint.url}) e use-o para
        conferir o cabeçalho <code className="font-mono">X-ConectCRM-Signature</code> de cada entrega. Se perder, gere outro segredo.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor={id} className="sr-only">
          Segredo de assinatura
        </label>
        <input
          id={id}
          readOnly
          value={created.secret}
          onFocus={(event) => event.target.select()}
          className="block w-full min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-mono text-xs text-slate-900"
        />
        <CopyButton text={created.secret} aria-label="Copiar segredo de assinatura" />
      </div>
    </section>
  );
}

function EmptyState({ onCreate }: { onCreate: () => void }) {
  return (
    <div className="space-y-3 rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-700">
      <h2 className="text-base font-semibold text-slate-900">Nenhum webhook ainda</h2>
      <p>
        Um webhook avisa outro sistema (seu ERP, uma planilha, um serviço de automação) no momento em que algo acontece no ConectCRM: um
        cliente cadastrado, um ticket aberto, uma fatura paga. O ConectCRM envia um POST com o evento em JSON para o endereço que você
        informar, assinado com um segredo só seu, e tenta de novo por até dois dias se o seu sistema não responder.
      </p>
      <Button onClick={onCreate}>Criar webhook</Button>
    </div>
  );
}

function PingResult({ delivery }: { delivery: WebhookDelivery }) {
  return delivery.status === 'succeeded' ? (
    <Alert tone="success" title="Teste entregue">
      O endpoint respondeu {delivery.response_status}.
    </Alert>
  ) : (
    <Alert title="O teste falhou">
      {delivery.error}
      {delivery.response_status ? ` (resposta ${delivery.response_status})` : ''}
    </Alert>
  );
}

function EndpointCard({ endpoint, onEdit, onSecret }: { endpoint: WebhookEndpoint; onEdit: () => void; onSecret: (s: WebhookEndpointWithSecret) => void }) {
  const test = useTestWebhook();
  const enable = useEnableWebhook();
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();
  const remove = useDeleteWebhook();
  const [confirm, setConfirm] = useState<'remove' | 'rotate' | null>(null);
  const [showLog, setShowLog] = useState(false);
  const failed = [test, enable, update, rotate, remove].find((m) => m.isError);
  const title = endpoint.description || endpoint.url;

  return (
    <li className="space-y-4 rounded-lg border border-slate-200 p-4" aria-label={title}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="text-base font-semibold text-slate-900">
            {title}
            <span
              className={cn(
                'ml-2 rounded-full px-2 py-0.5 align-middle text-xs font-medium',
                endpoint.enabled ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800',
              )}
            >
              {endpoint.enabled ? 'Ativo' : 'Desativado'}
            </span>
          </h3>
          <p className="truncate font-mono text-xs text-slate-600">{endpoint.url}</p>
          <p className="mt-1 text-xs text-slate-500">
            {plural(endpoint.event_kinds.length, 'evento', 'eventos')}:{' '}
            {endpoint.event_kinds.map((k) => EVENT_LABELS[k]).join(', ')}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" isLoading={test.isPending} onClick={() => test.mutate(endpoint.id)}>
            Enviar teste
          </Button>
          {endpoint.enabled ? (
            <Button
              size="sm"
              variant="ghost"
              isLoading={update.isPending}
              onClick={() => update.mutate({ id: endpoint.id, input: { enabled: false } })}
            >
              Desativar
            </Button>
          ) : (
            <Button size="sm" isLoading={enable.isPending} onClick={() => enable.mutate(endpoint.id)}>
              Reativar
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={onEdit}>
            Editar
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirm('rotate')}>
            Gerar novo segredo
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirm('remove')}>
            Excluir
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {!endpoint.enabled && endpoint.disabled_reason && (
          <Alert title="Nenhum evento está sendo enviado">
            {endpoint.disabled_reason}
            {endpoint.disabled_at && ` (${formatDateTime(endpoint.disabled_at)})`}
            {endpoint.consecutive_failures > 0 && ' Corrija o endpoint, reative-o e reenvie as entregas que falharam.'}
          </Alert>
        )}
        {test.data && <PingResult delivery={test.data} />}
        {failed && <Alert title="Não foi possível concluir">{problemMessage(failed.error)}</Alert>}
      </div>
      <div>
        <Button size="sm" variant="ghost" aria-expanded={showLog} onClick={() => setShowLog((open) => !open)}>
          {showLog ? 'Ocultar entregas' : 'Ver entregas'}
        </Button>
        {showLog && (
          <div className="mt-3">
            <DeliveryLog endpointId={endpoint.id} enabled={endpoint.enabled} />
          </div>
        )}
      </div>
      <ConfirmDialog
        open={confirm === 'remove'}
        title="Excluir este webhook?"
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => remove.mutate(endpoint.id, { onSettled: () => setConfirm(null) })}
      >
        <p>O endpoint e o registro das entregas são apagados; nenhum evento será mais enviado para {endpoint.url}.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === 'rotate'}
        title="Gerar um novo segredo?"
        confirmLabel="Gerar novo segredo"
        cancelLabel="Voltar"
        isLoading={rotate.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() =>
          rotate.mutate(endpoint.id, {
            onSuccess: onSecret,
            onSettled: () => setConfirm(null),
          })
        }
      >
        <p>O segredo atual deixa de valer na hora: atualize o seu sistema com o novo logo em seguida.</p>
      </ConfirmDialog>
    </li>
  );
}

type Editing = { endpoint: WebhookEndpoint | null } | null;

/** Configurações → Integrações: the company's outgoing webhooks, their secrets, tests and delivery logs. */
export function WebhooksPage() {
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const [editing, setEditing] = useState<Editing>(null);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const saving = editing?.endpoint ? update : create;
  const open = (endpoint: WebhookEndpoint | null) => {
    create.reset();
    update.reset();
    setEditing({ endpoint });
  };

  return (
    <div className="space-y-4">
      {secret && <NewSecretPanel created={secret} onClose={() => setSecret(null)} />}
      {webhooks.isPending ? (
        <PageSpinner label="Carregando webhooks…" />
      ) : webhooks.isError ? (
        <Alert title="Não foi possível carregar os webhooks">{problemMessage(webhooks.error)}</Alert>
      ) : webhooks.data.length === 0 ? (
        <EmptyState onCreate={() => open(null)} />
      ) : (
        <>
          <div className="flex justify-end">
            <Button onClick={() => open(null)}>Novo webhook</Button>
          </div>
          <ul className="space-y-3" aria-label="Webhooks">
            {webhooks.data.map((endpoint) => (
              <EndpointCard key={endpoint.id} endpoint={endpoint} onEdit={() => open(endpoint)} onSecret={setSecret} />
            ))}
          </ul>
        </>
      )}
      <p className="text-xs text-slate-500">
        Cada entrega leva o cabeçalho <code className="font-mono">X-ConectCRM-Signature: t=…,v1=…</code> (HMAC-SHA256 de “t.corpo” com o
        segredo do endpoint). Sem resposta 2xx, o ConectCRM tenta de novo em 1 min, 5 min, 30 min, 2 h, 6 h, 12 h e 24 h; depois de 3
        entregas seguidas sem sucesso o endpoint é desativado e os administradores recebem um e-mail.
      </p>
      <Dialog
        open={editing !== null}
        title={editing?.endpoint ? 'Editar webhook' : 'Novo webhook'}
        size="lg"
        onClose={() => setEditing(null)}
      >
        {editing && (
          <WebhookForm
            endpoint={editing.endpoint}
            isSaving={saving.isPending}
            error={saving.error}
            onCancel={() => setEditing(null)}
            onSubmit={(input) => {
              if (editing.endpoint) {
                update.mutate({ id: editing.endpoint.id, input }, { onSuccess: () => setEditing(null) });
              } else {
                create.mutate(input, {
                  onSuccess: (created) => {
                    setEditing(null);
                    setSecret(created);
                  },
                });
              }
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
