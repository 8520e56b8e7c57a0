import { memo } from 'react';

import { Button } from '@/components/ui/button';
import type { DeliveryStatus, Message } from '@/lib/api/models';
import { displayPhone } from '@/lib/br/phone';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { problemMessage } from '@/lib/problem';

import { useRetryMessage } from '../api/messages';
import { cardOf } from '../utils/message-card';
import { contactsOf, interactiveReplyOf, locationOf, mapLink, MEDIA_LABELS, mediaOf, refusedAttachments, templateOf } from '../utils/message-extra';
import { formatMessageTime } from '../utils/time';

import { MessageAttachments } from './attachments';
import { EmailHtml } from './email-frame';
import { Icon } from './icons';
import { DELIVERY_LABELS } from './labels';
import { MessageCardView } from './message-card';

function Ticks({ status }: { status: DeliveryStatus }) {
  const label = DELIVERY_LABELS[status];
  if (status === 'failed') return null;
  return (
    <span
      title={label}
      className={cn('inline-flex items-center text-xs font-semibold tracking-tighter', status === 'read' ? 'text-sky-500' : 'text-slate-400')}
    >
      {status === 'scheduled' || status === 'queued' ? <Icon name="clock" className="size-3.5" /> : <span aria-hidden="true">{status === 'sent' ? '✓' : '✓✓'}</span>}
      <span className="sr-only">{label}</span>
    </span>
  );
}

function ExtraNotes({ message }: { message: Message }) {
  const location = locationOf(message.extra);
  const contacts = contactsOf(message.extra);
  const media = mediaOf(message.extra).filter((item) => message.attachments.length === 0 || !item.filename);
  const refused = refusedAttachments(message.extra);
  const reply = interactiveReplyOf(message.extra);
  const template = templateOf(message.extra);
  if (!location && contacts.length === 0 && media.length === 0 && refused.length === 0 && !reply && !template) return null;
  return (
    <div className="mt-2 space-y-1.5 text-xs">
      {template && (
        <p className="text-slate-600">
          Modelo do WhatsApp <strong>{template.name}</strong> ({template.language})
          {template.params.length > 0 && <> · parâmetros: {template.params.join(', ')}</>}
        </p>
      )}
      {reply && <p className="text-slate-600">Resposta escolhida: <strong>{reply}</strong></p>}
      {location && (
        <p>
          <Icon name="pin" className="mr-1 size-3.5 align-text-bottom" />
          <a href={mapLink(location)} target="_blank" rel="noreferrer noopener" className="font-medium text-indigo-800 underline">
            {location.name ?? 'Localização'}
          </a>
          {location.address && <span className="text-slate-600"> · {location.address}</span>}
          <span className="text-slate-500">
            {' '}
            ({location.latitude.toFixed(5)}, {location.longitude.toFixed(5)})
          </span>
        </p>
      )}
      {contacts.length > 0 && (
        <ul aria-label="Contatos compartilhados" className="space-y-0.5">
          {contacts.map((contact, index) => (
            <li key={`${contact.name}-${index}`}>
              <Icon name="user" className="mr-1 size-3.5 align-text-bottom" />
              <strong>{contact.name}</strong>
              {contact.phones.length > 0 && <span className="text-slate-600"> · {contact.phones.map(displayPhone).join(', ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {media.map((item, index) => (
        <p key={`${item.kind}-${index}`} className="text-slate-600">
          {MEDIA_LABELS[item.kind] ?? 'Arquivo'}
          {item.filename && <> · {item.filename}</>}
          {item.caption && <> · “{item.caption}”</>}
        </p>
      ))}
      {refused.length > 0 && (
        <div role="note" className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-amber-900">
          <p className="font-medium">Anexos recusados (não foram guardados):</p>
          <ul className="list-disc pl-4">
            {refused.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

function FailedNotice({ message }: { message: Message }) {
  const retry = useRetryMessage();
  return (
    <div role="alert" className="mt-2 rounded-md border border-red-300 bg-red-50 px-2 py-1.5 text-xs text-red-900">
      <p>
        <strong>Não enviada.</strong> {message.failure_reason ?? 'O provedor recusou a mensagem.'}
      </p>
      <div className="mt-1 flex items-center gap-2">
        <Button
          size="sm"
          variant="secondary"
          className="h-7 px-2 text-xs"
          isLoading={retry.isPending}
          onClick={() => retry.mutate({ ticketId: message.ticket_id, messageId: message.id })}
        >
          Tentar novamente
        </Button>
        {retry.isError && <span>{problemMessage(retry.error)}</span>}
      </div>
    </div>
  );
}

/** One message of the conversation: the customer's (left), the team's (right), or an internal note. */
export const MessageBubble = memo(function MessageBubble({ message, names }: { message: Message; names: ReadonlyMap<string, string> }) {
  const mentionNames = message.mentions.map((id) => names.get(id) ?? 'alguém');
  const incoming = message.direction === 'in';
  const note = message.direction === 'note';
  const csat = message.extra?.csat === true;
  const card = cardOf(message);
  return (
    <article
      aria-label={`${note ? 'Nota interna de' : incoming ? 'Mensagem de' : 'Resposta de'} ${message.author_name}`}
      className={cn('flex px-4 py-1.5', incoming ? 'justify-start' : 'justify-end')}
    >
      <div
        className={cn(
          'max-w-[min(42rem,88%)] min-w-0 rounded-lg px-3 py-2 shadow-xs',
          incoming && 'bg-white ring-1 ring-slate-200',
          message.direction === 'out' && 'bg-indigo-50 ring-1 ring-indigo-200',
          note && 'border border-dashed border-amber-400 bg-amber-50',
        )}
      >
        <header className="mb-0.5 flex flex-wrap items-baseline gap-x-2 text-xs">
          <span className="font-semibold text-slate-900">{message.author_name}</span>
          {note && <span className="rounded bg-amber-200 px-1.5 text-[11px] font-semibold text-amber-900 uppercase">Nota interna</span>}
          {csat && <span className="rounded bg-emerald-100 px-1.5 text-[11px] font-semibold text-emerald-900">Pesquisa de satisfação</span>}
        </header>
        {card ? (
          <>
            <MessageCardView card={card} />
            {/* What the channel carried (or the note says), one click away. */}
            {message.text && (
              <details className="mt-1.5 text-xs text-slate-600">
                <summary className="cursor-pointer select-none">{incoming || note ? 'Texto da mensagem' : 'Texto enviado ao cliente'}</summary>
                <p className="mt-1 break-words whitespace-pre-wrap text-slate-800">{message.text}</p>
              </details>
            )}
          </>
        ) : message.html ? (
          <EmailHtml html={message.html} text={message.text} />
        ) : (
          message.text && <p className="text-sm break-words whitespace-pre-wrap text-slate-900">{message.text}</p>
        )}
        {note && mentionNames.length > 0 && (
          <p className="mt-1 text-xs text-amber-900">Mencionou: {mentionNames.join(', ')}</p>
        )}
        <MessageAttachments ticketId={message.ticket_id} attachments={message.attachments} tone="light" />
        <ExtraNotes message={message} />
        {message.delivery_status === 'failed' && <FailedNotice message={message} />}
        <footer className="mt-1 flex items-center justify-end gap-1.5 text-[11px] text-slate-500">
          {message.delivery_status === 'scheduled' && message.send_at && <span>Agendada para {formatDateTime(message.send_at)} ·</span>}
          <time dateTime={message.created_at} title={formatDateTime(message.created_at)}>
            {formatMessageTime(message.created_at)}
          </time>
          {message.delivery_status && <Ticks status={message.delivery_status} />}
        </footer>
      </div>
    </article>
  );
});
