import { useEffect, useRef, useState } from 'react';

import { FormErrors } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FieldGroup, TextField } from '@/components/ui/fields';
import type { BotPreviewTurn, BotSettings } from '@/lib/api/models';
import { unmatchedFieldErrors } from '@/lib/form-errors';
import { problemMessage } from '@/lib/problem';

import { usePreviewBot } from '../api/bot';
import { BOT_CHANNELS, BOT_FIELDS, botFormPath, type BotChannel } from '../utils/bot-settings';

import { BotTranscript } from './bot-transcript';
import { BOT_CHANNEL_LABELS } from './labels';

/** The preview's bound (POST /bot/preview): a conversation of up to 20 customer messages. */
const MAX_MESSAGES = 20;
const MAX_LENGTH = 2000;

type BotTesterProps = {
  /** The form's values now, saved or not. */
  settings: () => BotSettings;
  /** A 422 about the settings: their errors go to the form's fields. */
  onSettingsError: (error: unknown) => void;
};

/**
 * "Testar o bot": a simulated chat. Each message sends the whole
 * conversation so far and the unsaved settings to the preview, which
 * answers over example invoices and tickets; nothing is saved or sent.
 */
export function BotTester({ settings, onSettingsError }: BotTesterProps) {
  const preview = usePreviewBot();
  const [channel, setChannel] = useState<BotChannel>('whatsapp');
  const [turns, setTurns] = useState<BotPreviewTurn[]>([]);
  const [text, setText] = useState('');
  const full = turns.length >= MAX_MESSAGES;

  const restart = () => {
    preview.reset();
    setTurns([]);
  };
  const send = () => {
    const message = text.trim();
    if (!message || full || preview.isPending) return;
    preview.mutate(
      { messages: [...turns.map((turn) => turn.customer), message], channel, settings: settings() },
      {
        onSuccess: (result) => {
          setTurns(result.turns);
          setText('');
        },
        onError: onSettingsError,
      },
    );
  };
  const pending = preview.isPending ? (preview.variables?.messages.at(-1) ?? null) : null;
  // The newest message in view, as in a chat.
  const chat = useRef<HTMLDivElement>(null);
  useEffect(() => {
    chat.current?.scrollTo({ top: chat.current.scrollHeight });
  }, [turns, pending]);

  return (
    <section aria-labelledby="bot-tester-title" className="space-y-4 rounded-xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id="bot-tester-title" className="text-base font-semibold text-slate-900">
            Testar o bot
          </h2>
          <p className="mt-1 text-sm text-slate-600">Escreva como um cliente. Vale o que está no formulário, mesmo sem salvar; faturas e chamados são de exemplo e nada é enviado.</p>
        </div>
        <Button size="sm" variant="secondary" disabled={turns.length === 0 && !preview.error} onClick={restart}>
          Recomeçar
        </Button>
      </div>

      <FieldGroup legend="O cliente escreve pelo">
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {BOT_CHANNELS.map((option) => (
            <label key={option} className="inline-flex items-center gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name="bot-tester-channel"
                className="size-4"
                checked={channel === option}
                onChange={() => {
                  // Another channel is another customer: the conversation starts over.
                  setChannel(option);
                  restart();
                }}
              />
              {BOT_CHANNEL_LABELS[option]}
            </label>
          ))}
        </div>
      </FieldGroup>

      <div ref={chat} className="max-h-[32rem] min-h-40 overflow-y-auto rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
        {turns.length === 0 && !pending ? (
          <p className="text-sm text-slate-600">A conversa aparece aqui. Comece com um “oi”.</p>
        ) : (
          <BotTranscript turns={turns} pending={pending} />
        )}
      </div>

      <FormErrors
        message={preview.error ? problemMessage(preview.error) : null}
        extra={unmatchedFieldErrors(preview.error, BOT_FIELDS, botFormPath)}
      />

      <form
        noValidate
        aria-label="Mensagem de teste"
        className="flex items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <TextField
          label="Mensagem do cliente"
          wrapperClassName="flex-1"
          autoComplete="off"
          maxLength={MAX_LENGTH}
          disabled={full}
          hint={full ? 'Limite de 20 mensagens: recomece para continuar.' : undefined}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <Button type="submit" isLoading={preview.isPending} disabled={full || text.trim() === ''}>
          Enviar
        </Button>
      </form>
    </section>
  );
}
