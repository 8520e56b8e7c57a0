import { useState } from 'react';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextField } from '@/components/ui/fields';
import type { Channel } from '@/lib/api/models';
import { useMe } from '@/lib/auth';
import { canManageCompany } from '@/lib/authorization';
import { formatDateTime } from '@/lib/format';
import { isApiError, problemMessage } from '@/lib/problem';

import { useRotateInboundSecret, useSendSenderCode, useVerifySender } from '../api/channels';
import { isMaskedSecret } from '../utils/channel-setup';

/** "Trocar token": a new inbound token, shown once; the old one stops at once (owners and admins). */
export function RotateInboundSecret({ channel, label }: { channel: Channel; label: string }) {
  const { user } = useMe();
  const rotate = useRotateInboundSecret();
  const [confirm, setConfirm] = useState(false);
  if (!canManageCompany(user.role)) {
    return channel.inbound_secret && isMaskedSecret(channel.inbound_secret) ? (
      <p className="text-xs text-slate-600">
        {label}: termina em <code>{channel.inbound_secret.slice(-4)}</code>. Só proprietários e administradores veem o token inteiro.
      </p>
    ) : null;
  }
  return (
    <div className="space-y-2">
      <Button size="sm" variant="secondary" onClick={() => setConfirm(true)}>
        Trocar {label.toLowerCase()}
      </Button>
      <div aria-live="polite">
        {rotate.isSuccess && (
          <Alert tone="success" title="Token trocado">
            O token anterior já não funciona. Atualize o provedor com o novo valor acima.
          </Alert>
        )}
        {rotate.isError && <Alert title="Não foi possível trocar o token">{problemMessage(rotate.error)}</Alert>}
      </div>
      <ConfirmDialog
        open={confirm}
        title={`Trocar o ${label.toLowerCase()}?`}
        confirmLabel="Trocar"
        cancelLabel="Voltar"
        tone="danger"
        isLoading={rotate.isPending}
        onCancel={() => setConfirm(false)}
        onConfirm={() => rotate.mutate(channel.id, { onSettled: () => setConfirm(false) })}
      >
        <p>O token atual deixa de funcionar imediatamente: mensagens enviadas com ele serão recusadas até você colar o novo no provedor.</p>
      </ConfirmDialog>
    </div>
  );
}

/** An e-mail channel sends as its address only after the address confirms a code. */
export function SenderVerification({ channel }: { channel: Channel }) {
  const sender = channel.sender;
  const send = useSendSenderCode();
  const verify = useVerifySender();
  const [code, setCode] = useState('');
  if (!sender) return null;
  if (sender.verified) {
    return (
      <p className="text-sm text-emerald-800">
        Remetente confirmado: as respostas saem de <strong>{sender.address}</strong>.
      </p>
    );
  }
  const codeError = verify.error
    ? ((isApiError(verify.error) ? verify.error.fieldErrors.find((e) => e.field === 'code')?.message : undefined) ?? problemMessage(verify.error))
    : undefined;
  return (
    <div className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm text-amber-900">
        <strong>{sender.address}</strong> ainda não foi confirmado. Até a confirmação, as respostas saem do endereço da plataforma, com o nome da
        sua empresa, e as respostas dos clientes voltam para {sender.address} (Reply-To).
      </p>
      <p className="text-xs text-amber-900">
        {sender.code_sent_at
          ? `Enviamos um código de 6 dígitos para esse endereço em ${formatDateTime(sender.code_sent_at)}.`
          : 'Peça um código: ele chega nesse endereço.'}
      </p>
      <form
        noValidate
        aria-label="Confirmar remetente"
        className="flex flex-col gap-2 sm:flex-row sm:items-end"
        onSubmit={(event) => {
          event.preventDefault();
          verify.mutate({ id: channel.id, input: { code: code.trim() } }, { onSuccess: () => setCode('') });
        }}
      >
        <TextField
          label="Código de confirmação"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          error={codeError}
          onChange={(event) => setCode(event.target.value)}
          wrapperClassName="sm:w-48"
        />
        <Button type="submit" size="sm" disabled={code.trim().length !== 6} isLoading={verify.isPending}>
          Confirmar
        </Button>
        <Button size="sm" variant="ghost" isLoading={send.isPending} onClick={() => send.mutate(channel.id)}>
          Enviar novo código
        </Button>
      </form>
      <div aria-live="polite">
        {send.isSuccess && <p className="text-xs text-amber-900">Novo código enviado.</p>}
        {send.isError && <Alert title="Não foi possível enviar o código">{problemMessage(send.error)}</Alert>}
      </div>
    </div>
  );
}
