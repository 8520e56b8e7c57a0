import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog } from '@/components/ui/dialog';
import { PageSpinner } from '@/components/ui/spinner';
import { WebhookLog } from '@/components/webhook-log';
import type { Channel, ChannelKind, ChannelTest } from '@/lib/api/models';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useChannels, useDeleteChannel, useTestChannel, useUpdateChannel } from '../api/channels';
import { useTeams } from '../api/teams';
import { emailInboundUrl, isMaskedSecret } from '../utils/channel-setup';

import { ChannelForm } from './channel-form';
import { ChannelIcon } from './channel-icon';
import { RotateInboundSecret, SenderVerification } from './channel-security';
import { CopyField } from './copy-field';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS } from './labels';
import { WebchatSnippet } from './webchat-snippet';

const KIND_TEXT: Record<ChannelKind, string> = {
  whatsapp: 'WhatsApp Business pela API oficial da Meta (Cloud API).',
  email: 'Uma caixa de suporte: os e-mails chegam por encaminhamento ou SendGrid Inbound Parse.',
  webchat: 'Um chat no seu site, com uma linha de código.',
  twilio_sms: 'SMS por um número da Twilio.',
  twilio_whatsapp: 'WhatsApp por um remetente da Twilio.',
};

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** What to paste where, per kind: webhook URL and tokens, the inbound address, the widget snippet. */
function ChannelSetup({ channel }: { channel: Channel }) {
  const id = (name: string) => `${name}-${channel.id}`;
  if (channel.kind === 'webchat') return <WebchatSnippet channel={channel} />;
  if (!channel.webhook_url) return null;
  if (channel.kind === 'email') {
    return (
      <div className="space-y-2">
        <CopyField id={id('inbound')} label="URL de entrada dos e-mails" value={emailInboundUrl(channel) ?? channel.webhook_url} />
        <p className="text-xs text-slate-600">
          Configure o SendGrid Inbound Parse (ou o encaminhamento do seu provedor de e-mail) para enviar os e-mails de{' '}
          <strong>{str(channel.config.address) || 'seu endereço'}</strong> a esta URL. O token na URL identifica a sua empresa: não o divulgue.
        </p>
        <RotateInboundSecret channel={channel} label="Token de entrada" />
        <SenderVerification channel={channel} />
      </div>
    );
  }
  if (channel.kind === 'whatsapp') {
    return (
      <div className="space-y-2">
        <CopyField id={id('webhook')} label="URL de retorno (Callback URL)" value={channel.webhook_url} />
        {channel.inbound_secret && !isMaskedSecret(channel.inbound_secret) && (
          <CopyField id={id('verify')} label="Token de verificação (Verify token)" value={channel.inbound_secret} />
        )}
        <p className="text-xs text-slate-600">
          No painel da Meta: WhatsApp › Configuração › Webhook. Cole a URL e o token de verificação e assine o campo <code>messages</code>.
        </p>
        <RotateInboundSecret channel={channel} label="Token de verificação" />
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <CopyField id={id('webhook')} label="URL do webhook" value={channel.webhook_url} />
      <p className="text-xs text-slate-600">
        Na Twilio, cole esta URL em “A message comes in” (e em “Status callback”) do número ou remetente, método HTTP POST.
      </p>
    </div>
  );
}

function ChannelCard({ channel, onEdit }: { channel: Channel; onEdit: () => void }) {
  const test = useTestChannel();
  const update = useUpdateChannel();
  const remove = useDeleteChannel();
  const teams = useTeams();
  const [result, setResult] = useState<ChannelTest | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showEvents, setShowEvents] = useState(false);
  const team = (teams.data ?? []).find((item) => item.id === channel.team_id);

  const setEnabled = (enabled: boolean) =>
    update.mutate({
      id: channel.id,
      input: { kind: channel.kind, name: channel.name, config: channel.config, secrets: {}, enabled, team_id: channel.team_id },
    });

  return (
    <li className="space-y-4 rounded-lg border border-slate-200 p-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="flex items-center gap-2 text-base font-semibold text-slate-900">
            <ChannelIcon kind={channel.kind} />
            {channel.name}
            <span
              className={cn(
                'rounded-full px-2 py-0.5 text-xs font-medium',
                channel.enabled ? 'bg-emerald-100 text-emerald-800' : 'bg-slate-200 text-slate-700',
              )}
            >
              {channel.enabled ? 'Ativo' : 'Desativado'}
            </span>
          </h3>
          <p className="text-sm text-slate-600">
            {CHANNEL_KIND_LABELS[channel.kind]} · {team ? `equipe ${team.name}` : 'sem equipe'} · criado em {formatDateTime(channel.created_at)}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            size="sm"
            variant="secondary"
            isLoading={test.isPending}
            onClick={() => {
              setResult(null);
              test.mutate(channel.id, { onSuccess: setResult });
            }}
          >
            Testar
          </Button>
          <Button size="sm" variant="secondary" onClick={onEdit}>
            Editar
          </Button>
          <Button size="sm" variant="ghost" isLoading={update.isPending} onClick={() => setEnabled(!channel.enabled)}>
            {channel.enabled ? 'Desativar' : 'Ativar'}
          </Button>
          <Button size="sm" variant="ghost" className="text-red-700" onClick={() => setConfirmRemove(true)}>
            Excluir
          </Button>
        </div>
      </div>
      <div aria-live="polite">
        {result && (
          <Alert tone={result.ok ? 'success' : 'error'} title={result.ok ? 'Canal funcionando' : 'O teste falhou'}>
            {result.message}
          </Alert>
        )}
      </div>
      <div aria-live="assertive">
        {test.isError && <Alert title="Não foi possível testar">{problemMessage(test.error)}</Alert>}
        {update.isError && <Alert title="Não foi possível alterar o canal">{problemMessage(update.error)}</Alert>}
        {remove.isError && <Alert title="Não foi possível excluir">{problemMessage(remove.error)}</Alert>}
      </div>
      <ChannelSetup channel={channel} />
      {channel.kind !== 'webchat' && (
        <div>
          <Button size="sm" variant="ghost" aria-expanded={showEvents} onClick={() => setShowEvents((open) => !open)}>
            {showEvents ? 'Ocultar eventos recebidos' : 'Ver eventos recebidos'}
          </Button>
          {showEvents && (
            <div className="mt-3">
              <WebhookLog source={`channel:${channel.id}`} title="Eventos recebidos" caption="Eventos recebidos pelo canal" />
            </div>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirmRemove}
        title={`Excluir o canal ${channel.name}?`}
        confirmLabel="Excluir"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={remove.isPending}
        onCancel={() => setConfirmRemove(false)}
        onConfirm={() => remove.mutate(channel.id, { onSettled: () => setConfirmRemove(false) })}
      >
        <p>
          As credenciais são apagadas e o canal deixa de receber mensagens. Um canal que já tem tickets é desativado em vez de excluído, para manter o
          histórico.
        </p>
      </ConfirmDialog>
    </li>
  );
}

/** The company's channels: create (per kind), edit, test, enable/disable, setup values and the inbound log. */
export function ChannelsSettings() {
  const channels = useChannels();
  const [editing, setEditing] = useState<{ kind: ChannelKind; channel: Channel | null } | null>(null);
  const [saved, setSaved] = useState<Channel | null>(null);

  return (
    <div className="space-y-6">
      <section aria-labelledby="new-channel-title" className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="new-channel-title" className="text-base font-semibold text-slate-900">
          Conectar um canal
        </h2>
        <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {CHANNEL_KINDS.map((kind) => (
            <div key={kind} className="flex flex-col gap-2 rounded-lg border border-dashed border-slate-300 p-4">
              <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                <ChannelIcon kind={kind} />
                {CHANNEL_KIND_LABELS[kind]}
              </p>
              <p className="flex-1 text-sm text-slate-600">{KIND_TEXT[kind]}</p>
              <Button
                size="sm"
                className="self-start"
                onClick={() => {
                  setSaved(null);
                  setEditing({ kind, channel: null });
                }}
              >
                Conectar {CHANNEL_KIND_LABELS[kind]}
              </Button>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="channels-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
        <h2 id="channels-title" className="text-base font-semibold text-slate-900">
          Canais
        </h2>
        <div aria-live="polite">
          {saved && (
            <Alert tone="success" title={`Canal ${saved.name} salvo`}>
              {saved.kind === 'webchat'
                ? 'Copie o código abaixo para o seu site.'
                : 'Cadastre no provedor a URL e os tokens mostrados no cartão do canal, depois use “Testar”.'}
            </Alert>
          )}
        </div>
        {channels.isPending ? (
          <PageSpinner label="Carregando canais…" />
        ) : channels.isError ? (
          <Alert title="Não foi possível carregar os canais">{problemMessage(channels.error)}</Alert>
        ) : channels.data.length === 0 ? (
          <p className="text-sm text-slate-600">Nenhum canal ainda. Conecte o primeiro acima.</p>
        ) : (
          <ul aria-label="Canais" className="space-y-4">
            {channels.data.map((channel) => (
              <ChannelCard key={channel.id} channel={channel} onEdit={() => setEditing({ kind: channel.kind, channel })} />
            ))}
          </ul>
        )}
      </section>

      <Dialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        size="lg"
        title={editing ? (editing.channel ? `Editar ${editing.channel.name}` : `Conectar ${CHANNEL_KIND_LABELS[editing.kind]}`) : ''}
        description={editing ? KIND_TEXT[editing.kind] : undefined}
      >
        {editing && (
          <ChannelForm
            kind={editing.kind}
            channel={editing.channel}
            onCancel={() => setEditing(null)}
            onSaved={(channel) => {
              setEditing(null);
              setSaved(channel);
            }}
          />
        )}
      </Dialog>
    </div>
  );
}
