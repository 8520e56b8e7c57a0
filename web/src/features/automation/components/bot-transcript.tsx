import type { ReactNode } from 'react';

import { Spinner } from '@/components/ui/spinner';
import type { BotPreviewTurn } from '@/lib/api/models';
import { cn } from '@/lib/cn';

/** One chat bubble: the customer's on the right, the bot's on the left. */
function Bubble({ from, children }: { from: 'customer' | 'bot'; children: ReactNode }) {
  const customer = from === 'customer';
  return (
    <li aria-label={customer ? 'Cliente' : 'Bot IA'} className={cn('flex', customer ? 'justify-end' : 'justify-start')}>
      <div
        className={cn(
          'max-w-[85%] rounded-lg px-3 py-2 text-sm break-words whitespace-pre-wrap shadow-xs',
          customer ? 'bg-indigo-700 text-white' : 'bg-white text-slate-900 ring-1 ring-slate-200',
        )}
      >
        {!customer && <p className="mb-0.5 text-xs font-semibold text-indigo-800">Bot IA</p>}
        {children}
      </div>
    </li>
  );
}

/** A line across the conversation: what happened rather than what was said. */
function SystemLine({ children }: { children: ReactNode }) {
  return (
    <li className="flex justify-center">
      <p className="rounded-full bg-amber-100 px-3 py-1 text-center text-xs font-medium text-amber-900">{children}</p>
    </li>
  );
}

type BotTranscriptProps = {
  turns: BotPreviewTurn[];
  /** The message on its way, shown while the bot "types". */
  pending?: string | null;
};

/** The simulated conversation, turn by turn: the customer's message, the bot's answer, a handover. */
export function BotTranscript({ turns, pending }: BotTranscriptProps) {
  return (
    <ol aria-label="Conversa simulada" className="space-y-2">
      {turns.map((turn, i) => (
        // The turns are a replay of the same messages: their position is their identity.
        <TurnItems key={i} turn={turn} />
      ))}
      {pending && (
        <>
          <Bubble from="customer">{pending}</Bubble>
          <li className="flex justify-start text-indigo-700">
            <Spinner size="sm" label="O bot está respondendo…" />
          </li>
        </>
      )}
    </ol>
  );
}

function TurnItems({ turn }: { turn: BotPreviewTurn }) {
  return (
    <>
      <Bubble from="customer">{turn.customer}</Bubble>
      {turn.bot ? <Bubble from="bot">{turn.bot}</Bubble> : <SystemLine>O bot não responde mais: a conversa está com um atendente.</SystemLine>}
      {turn.handover && <SystemLine>Transferido para um atendente: {turn.handover}</SystemLine>}
    </>
  );
}
